#version 330 core
// Polygon fill: mesh-local positions (metres from the mesh origin) to clip space.
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec4 a_color;

uniform vec2 u_center;      // mesh-local point at the viewport centre
uniform float u_pxPerUnit;  // physical pixels per metre
uniform vec2 u_viewport;    // viewport size in pixels

out vec4 v_color;

void main() {
    vec2 px = (a_position - u_center) * u_pxPerUnit;
    v_color = a_color;
    gl_Position = vec4(px * 2.0 / u_viewport, 0.0, 1.0);
}
