#version 330 core
// Thick line segment: six vertices (two triangles) per segment, drawn without instancing (software
// drivers pay per instance); gl_VertexID picks the segment and the corner, and the segment and its
// style come from buffer textures. A quad around the segment, widened by half the line width plus
// half a pixel for antialiasing; the fragment shader rounds caps and joins.
uniform samplerBuffer u_segments;  // RGBA32F per segment: x0, y0, x1, y1, mesh-local metres
uniform samplerBuffer u_styles;    // R32F per segment: index into the style arrays

// (-1|1, -1|1): which end, which side; two triangles of the quad.
const vec2 kCorner[6] = vec2[6](vec2(-1.0, -1.0), vec2(-1.0, 1.0), vec2(1.0, -1.0),
                                vec2(1.0, -1.0), vec2(-1.0, 1.0), vec2(1.0, 1.0));

uniform vec2 u_center;
uniform float u_pxPerUnit;
uniform vec2 u_viewport;
uniform float u_halfWidth[16];  // physical pixels per style
uniform vec4 u_color[16];

flat out vec2 v_a;
flat out vec2 v_b;
flat out float v_halfWidth;
flat out vec4 v_color;

void main() {
    int segment = gl_VertexID / 6;
    vec2 a_corner = kCorner[gl_VertexID - segment * 6];
    vec4 a_segment = texelFetch(u_segments, segment);
    int s = int(texelFetch(u_styles, segment).r + 0.5);
    vec2 a = (a_segment.xy - u_center) * u_pxPerUnit;
    vec2 b = (a_segment.zw - u_center) * u_pxPerUnit;
    vec2 d = b - a;
    float len = length(d);
    vec2 dir = len > 1e-4 ? d / len : vec2(1.0, 0.0);
    vec2 n = vec2(-dir.y, dir.x);
    float r = u_halfWidth[s] + 0.5;
    vec2 p = (a_corner.x < 0.0 ? a : b) + dir * (a_corner.x * r) + n * (a_corner.y * r);
    v_a = a;
    v_b = b;
    v_halfWidth = u_halfWidth[s];
    v_color = u_color[s];
    // A style with no width is not drawn: collapse its quad.
    gl_Position = u_halfWidth[s] > 0.0 ? vec4(p * 2.0 / u_viewport, 0.0, 1.0) : vec4(2.0, 2.0, 2.0, 1.0);
}
