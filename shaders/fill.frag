#version 330 core
// Polygon fill: the vertex colour times the layer opacity.
in vec4 v_color;
uniform float u_opacity;
out vec4 o_color;

void main() {
    o_color = vec4(v_color.rgb, v_color.a * u_opacity);
}
