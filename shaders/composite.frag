#version 330 core
// A layer drawn offscreen at full opacity (premultiplied alpha), laid over the map at the
// layer's opacity, so overlapping joins and casings do not show through.
in vec2 v_uv;
uniform sampler2D u_texture;
uniform float u_opacity;
out vec4 o_color;

void main() {
    o_color = texture(u_texture, v_uv) * u_opacity;
}
