// The off-screen framebuffer a snapshot tile is drawn into, read back as RGB bands.
#pragma once

#include "app/gl.hpp"

namespace app {

// Colour (no depth or stencil: the map and overlay use neither) at `samples` per pixel, resolved into a single-sample framebuffer
// for reading; without multisampling it is drawn and read directly (one image of memory, no copy).
// Throws geo::Error when the driver cannot make it. Touch only on the GL thread.
class TileTarget {
public:
    TileTarget(int width, int height, int samples);
    int width() const { return width_; }
    int height() const { return height_; }
    // Binds for drawing with viewport (0, 0, viewportWidth, viewportHeight); the viewport may be
    // larger than the target, whose pixels are then its bottom-left part.
    void bindForDrawing(int viewportWidth, int viewportHeight) const;
    // Resolves the drawn area and reads it as RGB rows, bottom row first, `rowLengthPixels` apart.
    void readRgb(int drawWidth, int drawHeight, unsigned char* out, int rowLengthPixels) const;
private:
    int width_ = 0, height_ = 0;
    bool isMultisampled_ = false;
    GlFramebuffer msFbo_, fbo_;
    GlRenderbuffer msColor_, color_;
};

// Throws geo::Error naming `what` when GL has recorded an error (out of memory, mostly).
void checkGl(const char* what);

}  // namespace app
