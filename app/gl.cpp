// Shader compilation with readable errors.
#include "app/gl.hpp"

#include <string>

#include "geo/core/error.hpp"

namespace app {
namespace {

GLuint compileStage(const char* name, GLenum stage, const char* source) {
    GLuint s = glCreateShader(stage);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetShaderInfoLog(s, sizeof log, nullptr, log);
        glDeleteShader(s);
        throw geo::Error(std::string("shader ") + name + (stage == GL_VERTEX_SHADER ? ".vert" : ".frag") +
                         " does not compile: " + log);
    }
    return s;
}

}  // namespace

void clearViewport(float r, float g, float b, float a) {
    GLint v[4] = {};
    glGetIntegerv(GL_VIEWPORT, v);
    glEnable(GL_SCISSOR_TEST);
    glScissor(v[0], v[1], v[2], v[3]);
    glClearColor(r, g, b, a);
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST);
}

void defineTexture(const GlTexture& texture, int width, int height, GLint filter, const void* pixels) {
    glBindTexture(GL_TEXTURE_2D, texture.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void uploadCorners(const GlVertexArray& vao, const GlBuffer& buffer, const float (&corners)[8]) {
    glBindVertexArray(vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, buffer.id());
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
}

GlProgram compileProgram(const char* name, const char* vertexSource, const char* fragmentSource) {
    GLuint vs = compileStage(name, GL_VERTEX_SHADER, vertexSource);
    GLuint fs = 0;
    try {
        fs = compileStage(name, GL_FRAGMENT_SHADER, fragmentSource);
    } catch (...) {
        glDeleteShader(vs);
        throw;
    }
    GlProgram program(glCreateProgram());
    glAttachShader(program.id(), vs);
    glAttachShader(program.id(), fs);
    glLinkProgram(program.id());
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(program.id(), GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetProgramInfoLog(program.id(), sizeof log, nullptr, log);
        throw geo::Error(std::string("shader program ") + name + " does not link: " + log);
    }
    return program;
}

}  // namespace app
