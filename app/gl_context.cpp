// GLFW window and EGL surfaceless contexts, and the offscreen framebuffer.
#include "app/gl_context.hpp"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstring>

#include "app/platform.hpp"
#include "geo/core/error.hpp"

namespace app {
namespace {

std::string glfwReason() {
    const char* description = nullptr;
    glfwGetError(&description);
    return description ? description : "unknown error";
}

}  // namespace

WindowContext::WindowContext(const std::string& title, int width, int height) {
    if (!glfwInit()) throw geo::Error("cannot start the window system: " + glfwReason());
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    int x = 0, y = 0, w = 1280, h = 800;
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) glfwGetMonitorWorkarea(monitor, &x, &y, &w, &h);
    if (width > 0 && height > 0) { w = width; h = height; }
    window_ = glfwCreateWindow(std::max(w, 320), std::max(h, 240), title.c_str(), nullptr, nullptr);
    if (!window_) {
        std::string reason = glfwReason();
        glfwTerminate();
        throw geo::Error("cannot open a GL 3.3 window: " + reason);
    }
    glfwSetWindowPos(window_, x, y);
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(1);
    keepGraphicsDriversLoaded();
}

WindowContext::~WindowContext() {
    glfwDestroyWindow(window_);
    glfwTerminate();
}

float WindowContext::contentScale() const {
    float sx = 1, sy = 1;
    glfwGetWindowContentScale(window_, &sx, &sy);
    return std::clamp(std::max(sx, sy), 0.5f, 4.0f);
}

DriverWarmup::DriverWarmup() {
    thread_ = std::thread([] {
        auto getPlatformDisplay =
            reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
        if (!getPlatformDisplay) return;
        EGLDisplay dpy = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
        EGLint major = 0, minor = 0;
        if (dpy != EGL_NO_DISPLAY) eglInitialize(dpy, &major, &minor);  // the context's own call then finds it initialised
        eglReleaseThread();
    });
}

HeadlessContext::HeadlessContext() {
    auto getPlatformDisplay =
        reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
    if (!getPlatformDisplay) throw geo::Error("headless rendering needs EGL_EXT_platform_base (Mesa's EGL)");
    EGLDisplay dpy = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    EGLint major = 0, minor = 0;
    if (dpy == EGL_NO_DISPLAY || !eglInitialize(dpy, &major, &minor))
        throw geo::Error("headless rendering: no EGL surfaceless display (install libegl-mesa0)");
    display_ = dpy;
    const EGLint configAttribs[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                                    EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_NONE};
    EGLConfig config = nullptr;
    EGLint count = 0;
    if (!eglBindAPI(EGL_OPENGL_API) || !eglChooseConfig(dpy, configAttribs, &config, 1, &count) || count < 1) {
        // Surfaceless displays may offer no pbuffer configs; a context needs no surface anyway.
        const EGLint anyConfig[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
        if (!eglChooseConfig(dpy, anyConfig, &config, 1, &count) || count < 1) {
            eglTerminate(dpy);
            throw geo::Error("headless rendering: EGL offers no OpenGL configuration");
        }
    }
    const EGLint contextAttribs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                     EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    EGLContext ctx = eglCreateContext(dpy, config, EGL_NO_CONTEXT, contextAttribs);
    if (ctx == EGL_NO_CONTEXT) {
        eglTerminate(dpy);
        throw geo::Error("headless rendering: cannot create a GL 3.3 core context");
    }
    context_ = ctx;
    if (!eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx)) {
        eglDestroyContext(dpy, ctx);
        eglTerminate(dpy);
        throw geo::Error("headless rendering: cannot make the context current (no EGL_KHR_surfaceless_context)");
    }
    keepGraphicsDriversLoaded();
}

HeadlessContext::~HeadlessContext() {
    auto dpy = static_cast<EGLDisplay>(display_);
    eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(dpy, static_cast<EGLContext>(context_));
    eglTerminate(dpy);
    eglReleaseThread();
}

std::string HeadlessContext::renderer() const {
    const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    return r ? r : "";
}

OffscreenTarget::OffscreenTarget(int width, int height, int samples)
    : width_(width), height_(height), samples_(samples) {
    GLint maxSize = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxSize);
    if (width <= 0 || height <= 0 || width > maxSize || height > maxSize)
        throw geo::Error("offscreen image " + std::to_string(width) + "x" + std::to_string(height) +
                         " is not possible (the GL limit is " + std::to_string(maxSize) + " per side)");
    glBindRenderbuffer(GL_RENDERBUFFER, color_.id());
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, width, height);
    glBindRenderbuffer(GL_RENDERBUFFER, depth_.id());
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_DEPTH24_STENCIL8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depth_.id());
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw geo::Error("offscreen framebuffer " + std::to_string(width) + "x" + std::to_string(height) + " is incomplete");
    if (samples > 0) {
        glBindRenderbuffer(GL_RENDERBUFFER, resolveColor_.id());
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
        glBindFramebuffer(GL_FRAMEBUFFER, resolveFbo_.id());
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, resolveColor_.id());
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
            throw geo::Error("offscreen resolve framebuffer is incomplete");
    }
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
}

void OffscreenTarget::bind() const {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glViewport(0, 0, width_, height_);
}

void OffscreenTarget::readPixels(std::vector<uint8_t>& rgba) {
    if (samples_ > 0) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolveFbo_.id());
        glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, resolveFbo_.id());
    } else {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
    }
    readFramebuffer(width_, height_, rgba);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
}

void readFramebuffer(int width, int height, std::vector<uint8_t>& rgba) {
    size_t row = static_cast<size_t>(width) * 4;
    rgba.resize(row * static_cast<size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    // GL rows run bottom-up; flip in place.
    std::vector<uint8_t> tmp(row);
    for (int y = 0; y < height / 2; ++y) {
        uint8_t* a = rgba.data() + static_cast<size_t>(y) * row;
        uint8_t* b = rgba.data() + static_cast<size_t>(height - 1 - y) * row;
        std::memcpy(tmp.data(), a, row);
        std::memcpy(a, b, row);
        std::memcpy(b, tmp.data(), row);
    }
}

}  // namespace app
