// The one place that includes OpenGL: core 3.3 prototypes and move-only owners of GL objects.
// GL objects are created, used and deleted on the GL thread only.
#pragma once
#include <GL/glcorearb.h>

#include <utility>

namespace app {

// One owner per GL object kind: Gen/Delete function pair, move-only.
template <void (*Gen)(GLsizei, GLuint*), void (*Del)(GLsizei, const GLuint*)>
class GlName {
public:
    GlName() { Gen(1, &id_); }
    ~GlName() { if (id_) Del(1, &id_); }
    GlName(GlName&& other) noexcept : id_(std::exchange(other.id_, 0)) {}
    GlName& operator=(GlName&& other) noexcept { std::swap(id_, other.id_); return *this; }
    GlName(const GlName&) = delete;
    GlName& operator=(const GlName&) = delete;
    GLuint id() const { return id_; }
private:
    GLuint id_ = 0;
};

inline void glGenBuffersFn(GLsizei n, GLuint* ids) { glGenBuffers(n, ids); }
inline void glDeleteBuffersFn(GLsizei n, const GLuint* ids) { glDeleteBuffers(n, ids); }
inline void glGenVertexArraysFn(GLsizei n, GLuint* ids) { glGenVertexArrays(n, ids); }
inline void glDeleteVertexArraysFn(GLsizei n, const GLuint* ids) { glDeleteVertexArrays(n, ids); }
inline void glGenFramebuffersFn(GLsizei n, GLuint* ids) { glGenFramebuffers(n, ids); }
inline void glDeleteFramebuffersFn(GLsizei n, const GLuint* ids) { glDeleteFramebuffers(n, ids); }
inline void glGenRenderbuffersFn(GLsizei n, GLuint* ids) { glGenRenderbuffers(n, ids); }
inline void glDeleteRenderbuffersFn(GLsizei n, const GLuint* ids) { glDeleteRenderbuffers(n, ids); }
inline void glGenTexturesFn(GLsizei n, GLuint* ids) { glGenTextures(n, ids); }
inline void glDeleteTexturesFn(GLsizei n, const GLuint* ids) { glDeleteTextures(n, ids); }

using GlBuffer = GlName<glGenBuffersFn, glDeleteBuffersFn>;
using GlVertexArray = GlName<glGenVertexArraysFn, glDeleteVertexArraysFn>;
using GlFramebuffer = GlName<glGenFramebuffersFn, glDeleteFramebuffersFn>;
using GlRenderbuffer = GlName<glGenRenderbuffersFn, glDeleteRenderbuffersFn>;
using GlTexture = GlName<glGenTexturesFn, glDeleteTexturesFn>;

// A linked shader program; 0 until linked.
class GlProgram {
public:
    GlProgram() = default;
    explicit GlProgram(GLuint id) : id_(id) {}
    ~GlProgram() { if (id_) glDeleteProgram(id_); }
    GlProgram(GlProgram&& other) noexcept : id_(std::exchange(other.id_, 0)) {}
    GlProgram& operator=(GlProgram&& other) noexcept { std::swap(id_, other.id_); return *this; }
    GlProgram(const GlProgram&) = delete;
    GlProgram& operator=(const GlProgram&) = delete;
    GLuint id() const { return id_; }
    GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }
private:
    GLuint id_ = 0;
};

// Clears the colour of the current viewport only (glClear alone ignores the viewport).
void clearViewport(float r, float g, float b, float a);
// Gives `texture` RGBA8 storage of width x height (from `pixels`, or undefined when null), edges
// clamped, with this filter for both minifying and magnifying. Leaves no texture bound.
void defineTexture(const GlTexture& texture, int width, int height, GLint filter, const void* pixels = nullptr);

// Fills `buffer` with four 2D corners (a triangle strip) as attribute 0 of `vao`.
void uploadCorners(const GlVertexArray& vao, const GlBuffer& buffer, const float (&corners)[8]);

// Compiles and links a vertex/fragment pair; throws geo::Error naming `name` with the info log.
GlProgram compileProgram(const char* name, const char* vertexSource, const char* fragmentSource);

}  // namespace app
