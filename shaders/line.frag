#version 330 core
// Thick line segment: coverage from the distance to the segment, so ends and joins are round.
// The pixel's position comes from gl_FragCoord, not an interpolated varying: pixel centres are
// exact, so a tile drawn with its viewport shifted by whole pixels gets the very same coverage.
flat in vec2 v_a;
flat in vec2 v_b;
flat in float v_halfWidth;
flat in vec4 v_color;
uniform float u_opacity;
uniform vec2 u_pixelOrigin;  // window position of the viewport's centre
out vec4 o_color;

void main() {
    vec2 px = gl_FragCoord.xy - u_pixelOrigin;
    vec2 ab = v_b - v_a;
    float l2 = dot(ab, ab);
    float t = l2 > 0.0 ? clamp(dot(px - v_a, ab) / l2, 0.0, 1.0) : 0.0;
    float d = length(px - (v_a + t * ab));
    float coverage = clamp(v_halfWidth + 0.5 - d, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    o_color = vec4(v_color.rgb, v_color.a * coverage * u_opacity);
}
