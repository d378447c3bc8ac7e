// Multisampled tile framebuffers and reading them straight into a PNG band.
#include "app/snapshot_target.hpp"

#include <string>

#include "geo/core/error.hpp"

namespace app {

void checkGl(const char* what) {
    GLenum e = glGetError();
    if (e == GL_NO_ERROR) return;
    while (glGetError() != GL_NO_ERROR) {}
    if (e == GL_OUT_OF_MEMORY) throw geo::Error(std::string(what) + ": out of graphics memory");
    throw geo::Error(std::string(what) + ": OpenGL error " + std::to_string(e));
}

TileTarget::TileTarget(int width, int height, int samples) : width_(width), height_(height) {
    while (glGetError() != GL_NO_ERROR) {}
    GLint maxSamples = 0;
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    if (samples > maxSamples) samples = maxSamples;
    isMultisampled_ = samples > 0;
    bool msComplete = true;
    if (isMultisampled_) {
        glBindRenderbuffer(GL_RENDERBUFFER, msColor_.id());
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, width, height);
        glBindFramebuffer(GL_FRAMEBUFFER, msFbo_.id());
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, msColor_.id());
        msComplete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    }
    glBindRenderbuffer(GL_RENDERBUFFER, color_.id());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_.id());
    const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (glGetError() != GL_NO_ERROR || !msComplete || !complete)
        throw geo::Error("cannot make a " + std::to_string(width) + " x " + std::to_string(height) +
                         " off-screen image (out of graphics memory?)");
}

void TileTarget::bindForDrawing(int viewportWidth, int viewportHeight) const {
    glBindFramebuffer(GL_FRAMEBUFFER, isMultisampled_ ? msFbo_.id() : fbo_.id());
    glViewport(0, 0, viewportWidth, viewportHeight);
}

void TileTarget::readRgb(int drawWidth, int drawHeight, unsigned char* out, int rowLengthPixels) const {
    if (isMultisampled_) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, msFbo_.id());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo_.id());
        glBlitFramebuffer(0, 0, drawWidth, drawHeight, 0, 0, drawWidth, drawHeight, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.id());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glPixelStorei(GL_PACK_ROW_LENGTH, rowLengthPixels);
    glReadPixels(0, 0, drawWidth, drawHeight, GL_RGB, GL_UNSIGNED_BYTE, out);
    glPixelStorei(GL_PACK_ROW_LENGTH, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    checkGl("reading the drawn image");
}

}  // namespace app
