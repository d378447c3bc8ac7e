#version 330 core
// A cached map tile: a screen rectangle (clip space) showing a texture.
layout(location = 0) in vec2 a_corner;  // (0|1, 0|1)

uniform vec4 u_rect;  // x0, y0, x1, y1 in clip space

out vec2 v_uv;

void main() {
    v_uv = a_corner;
    gl_Position = vec4(mix(u_rect.xy, u_rect.zw, a_corner), 0.0, 1.0);
}
