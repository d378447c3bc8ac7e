// GL 3.3 core contexts: a GLFW window for the GUI, or EGL surfaceless with an offscreen
// framebuffer for headless rendering (tests, snapshots) with no display at all.
#pragma once
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "app/gl.hpp"

struct GLFWwindow;

namespace app {

// A window with a current GL 3.3 core context, filling the primary monitor's work area.
// Throws geo::Error when GLFW or the context cannot start. Destroy renderers before it.
class WindowContext {
public:
    WindowContext(const std::string& title, int width = 0, int height = 0);  // 0: the work area
    ~WindowContext();
    WindowContext(const WindowContext&) = delete;
    WindowContext& operator=(const WindowContext&) = delete;
    GLFWwindow* window() const { return window_; }
    float contentScale() const;  // monitor content scale (1 on a 96-dpi screen)
private:
    GLFWwindow* window_ = nullptr;
};

// EGL surfaceless (Mesa) display and a current GL 3.3 core context on this thread.
// Throws geo::Error with the reason when EGL or the context is unavailable.
// Loads the headless GL driver on a background thread while the caller reads its data: the first
// eglInitialize maps and relocates Mesa's driver and LLVM (about 0.1 s), which a HeadlessContext
// created after wait() then finds done. Failures are left for HeadlessContext to report.
class DriverWarmup {
public:
    DriverWarmup();
    ~DriverWarmup() { wait(); }
    DriverWarmup(const DriverWarmup&) = delete;
    DriverWarmup& operator=(const DriverWarmup&) = delete;
    void wait() {
        if (thread_.joinable()) thread_.join();
    }
private:
    std::thread thread_;
};

class HeadlessContext {
public:
    HeadlessContext();
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;
    std::string renderer() const;  // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"
private:
    void* display_ = nullptr;
    void* context_ = nullptr;
};

// An RGBA8 + depth/stencil framebuffer to draw into; with samples > 0 it is multisampled and
// resolved on readPixels. Needs a current context. Throws geo::Error when incomplete
// (too big: GL_MAX_RENDERBUFFER_SIZE is the limit).
class OffscreenTarget {
public:
    OffscreenTarget(int width, int height, int samples = 0);
    void bind() const;  // binds it for drawing and sets the viewport
    int width() const { return width_; }
    int height() const { return height_; }
    // RGBA rows, top row first.
    void readPixels(std::vector<uint8_t>& rgba);
private:
    int width_, height_, samples_;
    GlFramebuffer fbo_;
    GlRenderbuffer color_, depth_;
    GlFramebuffer resolveFbo_;
    GlRenderbuffer resolveColor_;
};

// Reads the bound read framebuffer's pixels (RGBA, top row first).
void readFramebuffer(int width, int height, std::vector<uint8_t>& rgba);

}  // namespace app
