// EGL surfaceless context through Mesa's surfaceless platform, and the tile framebuffers.
#include "app/snapshot_context.hpp"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GL/gl.h>
#include <GL/glext.h>

#include <string>

#include "geo/error.hpp"

namespace app {

#ifndef EGL_PLATFORM_SURFACELESS_MESA
constexpr EGLenum EGL_PLATFORM_SURFACELESS_MESA = 0x31DD;
#endif

struct HeadlessGl::State {
    EGLDisplay display = EGL_NO_DISPLAY;
    EGLContext context = EGL_NO_CONTEXT;
};

HeadlessGl::HeadlessGl() : state_(std::make_unique<State>()) {
    auto getPlatformDisplay =
        reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
    if (!getPlatformDisplay) throw geo::Error("no headless OpenGL: EGL lacks eglGetPlatformDisplayEXT");
    state_->display = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    EGLint major = 0, minor = 0;
    if (state_->display == EGL_NO_DISPLAY || !eglInitialize(state_->display, &major, &minor))
        throw geo::Error("no headless OpenGL: EGL surfaceless display unavailable (is Mesa's libegl-mesa0 installed?)");
    if (!eglBindAPI(EGL_OPENGL_API)) {
        eglTerminate(state_->display);
        throw geo::Error("no headless OpenGL: EGL cannot bind desktop OpenGL");
    }
    const EGLint configAttribs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
    EGLConfig config = nullptr;
    EGLint count = 0;
    eglChooseConfig(state_->display, configAttribs, &config, 1, &count);
    const EGLint contextAttribs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                     EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    state_->context = eglCreateContext(state_->display, count > 0 ? config : nullptr, EGL_NO_CONTEXT, contextAttribs);
    if (state_->context == EGL_NO_CONTEXT ||
        !eglMakeCurrent(state_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, state_->context)) {
        if (state_->context != EGL_NO_CONTEXT) eglDestroyContext(state_->display, state_->context);
        eglTerminate(state_->display);
        throw geo::Error("no headless OpenGL: cannot create an OpenGL 3.3 core context (EGL error 0x" +
                         std::to_string(eglGetError()) + ")");
    }
}

HeadlessGl::~HeadlessGl() {
    eglMakeCurrent(state_->display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(state_->display, state_->context);
    eglTerminate(state_->display);
    eglReleaseThread();
}

std::string HeadlessGl::renderer() const {
    const auto* s = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    return s ? s : "";
}

int HeadlessGl::maxRenderbufferSize() const {
    GLint n = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &n);
    return n;
}

void checkGl(const char* what) {
    GLenum e = glGetError();
    if (e == GL_NO_ERROR) return;
    while (glGetError() != GL_NO_ERROR) {}
    if (e == GL_OUT_OF_MEMORY) throw geo::Error(std::string(what) + ": out of graphics memory");
    throw geo::Error(std::string(what) + ": OpenGL error 0x" + std::to_string(e));
}

TileTarget::TileTarget(int width, int height, int samples) : width_(width), height_(height) {
    while (glGetError() != GL_NO_ERROR) {}
    GLint maxSamples = 0;
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    if (samples > maxSamples) samples = maxSamples;
    glGenFramebuffers(1, &msFbo_);
    glGenRenderbuffers(1, &msColor_);
    glGenRenderbuffers(1, &msStencil_);
    glBindRenderbuffer(GL_RENDERBUFFER, msColor_);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, width, height);
    glBindRenderbuffer(GL_RENDERBUFFER, msStencil_);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_DEPTH24_STENCIL8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, msFbo_);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, msColor_);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, msStencil_);
    const bool msComplete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    glGenFramebuffers(1, &fbo_);
    glGenRenderbuffers(1, &color_);
    glBindRenderbuffer(GL_RENDERBUFFER, color_);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_);
    const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    if (glGetError() != GL_NO_ERROR || !msComplete || !complete) {
        release();
        throw geo::Error("cannot make a " + std::to_string(width) + " x " + std::to_string(height) +
                         " off-screen image (out of graphics memory?)");
    }
}

TileTarget::~TileTarget() { release(); }

void TileTarget::release() {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (msFbo_) glDeleteFramebuffers(1, &msFbo_);
    if (fbo_) glDeleteFramebuffers(1, &fbo_);
    if (msColor_) glDeleteRenderbuffers(1, &msColor_);
    if (msStencil_) glDeleteRenderbuffers(1, &msStencil_);
    if (color_) glDeleteRenderbuffers(1, &color_);
    msFbo_ = fbo_ = msColor_ = msStencil_ = color_ = 0;
}

void TileTarget::bindForDrawing(int drawWidth, int drawHeight) const {
    glBindFramebuffer(GL_FRAMEBUFFER, msFbo_);
    glViewport(0, 0, drawWidth, drawHeight);
}

void TileTarget::readRgb(int drawWidth, int drawHeight, unsigned char* out, int rowLengthPixels) const {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, msFbo_);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo_);
    glBlitFramebuffer(0, 0, drawWidth, drawHeight, 0, 0, drawWidth, drawHeight, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glPixelStorei(GL_PACK_ROW_LENGTH, rowLengthPixels);
    glReadPixels(0, 0, drawWidth, drawHeight, GL_RGB, GL_UNSIGNED_BYTE, out);
    glPixelStorei(GL_PACK_ROW_LENGTH, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    checkGl("reading the drawn image");
}

}  // namespace app
