// Headless GL for snapshots: an EGL surfaceless context (no display, no environment variables)
// and an off-screen multisampled framebuffer the size of one tile.
#pragma once
#include <memory>
#include <string>

namespace app {

// A GL 3.3 core context current on this thread until destruction. Throws geo::Error with the
// reason when no context can be made.
class HeadlessGl {
public:
    HeadlessGl();
    ~HeadlessGl();
    HeadlessGl(const HeadlessGl&) = delete;
    HeadlessGl& operator=(const HeadlessGl&) = delete;
    std::string renderer() const;  // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"
    int maxRenderbufferSize() const;
private:
    struct State;
    std::unique_ptr<State> state_;
};

// Colour (and stencil, for polygon fills) at `samples` per pixel, resolved into a single-sample
// framebuffer for reading. Move-only; touch only on the GL thread.
class TileTarget {
public:
    TileTarget(int width, int height, int samples);
    ~TileTarget();
    TileTarget(const TileTarget&) = delete;
    TileTarget& operator=(const TileTarget&) = delete;
    int width() const { return width_; }
    int height() const { return height_; }
    // Viewport (0, 0, viewportWidth, viewportHeight), which may exceed the target (drawn rows at the bottom).
    void bindForDrawing(int viewportWidth, int viewportHeight) const;
    // Resolves the drawn area and reads it as RGB rows, bottom row first, `rowLengthPixels` apart.
    void readRgb(int drawWidth, int drawHeight, unsigned char* out, int rowLengthPixels) const;
private:
    void release();
    int width_ = 0, height_ = 0;
    unsigned int msFbo_ = 0, msColor_ = 0, msStencil_ = 0, fbo_ = 0, color_ = 0;
};

// Throws geo::Error naming `what` when GL has recorded an error (out of memory, mostly).
void checkGl(const char* what);

}  // namespace app
