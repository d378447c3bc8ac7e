// Drawing the boundary, districts and villages by hand: the edit tool bar, areas drawn by clicks
// (double-click or Enter closes, Esc cancels, Backspace takes back a vertex), points, vertex
// handles to drag, edge midpoints to drag out a new vertex, Delete, snapping with its marker,
// Ctrl+Z / Ctrl+Y. Each finished gesture is one session verb: saved, then the map and the
// analysis follow through the model's version.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <utility>

#include <imgui.h>

#include "app/i18n.hpp"
#include "app/map_pointer.hpp"
#include "app/windows.hpp"
#include "geo/core/error.hpp"

namespace app {
namespace {

constexpr float kHandlePx = 7;

float dist2(ImVec2 a, ImVec2 b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }

MapLayer mapLayerOf(geo::EditLayer l) {
    switch (l) {
    case geo::EditLayer::Boundary: return MapLayer::Boundary;
    case geo::EditLayer::Districts: return MapLayer::Districts;
    case geo::EditLayer::Villages: break;
    }
    return MapLayer::Villages;
}

const char* editLabel(const char* label) {
    // The step labels the session records, in the UI language.
    if (!std::strcmp(label, "draw area")) return tr("绘制区域", "draw area");
    if (!std::strcmp(label, "draw point")) return tr("绘制点", "draw point");
    if (!std::strcmp(label, "move vertex")) return tr("移动顶点", "move vertex");
    if (!std::strcmp(label, "insert vertex")) return tr("插入顶点", "insert vertex");
    if (!std::strcmp(label, "delete vertex")) return tr("删除顶点", "delete vertex");
    if (!std::strcmp(label, "delete feature")) return tr("删除要素", "delete feature");
    if (!std::strcmp(label, "rename")) return tr("命名", "rename");
    return label;
}

// Attaches to the model's workspace; the snapping index follows the model's layers.
void attach(GuiContext& gui) {
    LayerEditState& e = gui.ui.edit;
    geo::Workspace* ws = gui.model.workspace();
    if (ws != e.workspace) {
        e.session.reset();
        e.workspace = ws;
        e.draft.clear();
        e.selectedFid = 0;
        e.isDragging = false;
        if (ws) e.session = std::make_unique<geo::LayerEditSession>(*ws);
    }
    if (!e.session) return;
    const geo::Layer* roads = gui.model.layer(MapLayer::Roads);
    if (roads != e.snapRoads) {
        e.snapper.setRoads(gui.model.sharedLayer(MapLayer::Roads));
        e.snapRoads = roads;
    }
    if (e.snapVersion != gui.model.version()) {
        std::vector<geo::EditPoint> vertices;
        for (MapLayer l : {MapLayer::Boundary, MapLayer::Districts, MapLayer::Villages})
            if (const geo::Layer* layer = gui.model.layer(l))
                for (size_t v = 0; v < layer->vertexCount(); ++v) vertices.push_back({layer->xy[2 * v], layer->xy[2 * v + 1]});
        e.snapper.setVertices(std::move(vertices));
        e.snapVersion = gui.model.version();
    }
}

// After a saved change (or undo/redo) of `layer`: the map, the plan's districts and the analysis follow.
void changed(GuiContext& gui, geo::EditLayer layer) {
    gui.model.refreshLayer(mapLayerOf(layer));
    LayerEditState& e = gui.ui.edit;
    if (!e.session->warning().empty()) gui.ui.notices.push_back({tr("编辑图层", "Edit layers"), e.session->warning()});
    if (e.selectedFid && !e.session->indexOf(e.layer, e.selectedFid)) e.selectedFid = 0;
    e.activeVertex.reset();
    e.nameFor = -1;
}

// Runs one verb; a refusal (invalid area, read-only) becomes a notice and nothing changes.
template <class Verb>
void run(GuiContext& gui, geo::EditLayer layer, Verb&& verb) {
    LayerEditState& e = gui.ui.edit;
    try {
        if (e.session->isReadOnly())
            throw geo::Error(tr("工作空间为只读，不能编辑", "the workspace is read-only; edits are not possible"));
        verb();
        changed(gui, layer);
    } catch (const geo::Error& error) {
        gui.ui.notices.push_back({tr("未保存", "Not saved"), error.what()});
        // The file is as it was: show what it holds.
        gui.model.refreshLayer(mapLayerOf(layer));
    }
}

const geo::EditFeature* selected(const LayerEditState& e) {
    if (!e.session || !e.selectedFid) return nullptr;
    auto i = e.session->indexOf(e.layer, e.selectedFid);
    return i ? &e.session->features(e.layer)[*i] : nullptr;
}

// The feature of the edited layer under the pointer: a point within the handle radius, else an
// area containing it (the smallest, so a district inside the boundary wins).
int64_t pickFeature(const UiState& ui, ImVec2 mouse) {
    const LayerEditState& e = ui.edit;
    double x, y;
    toWorld(ui, mouse, x, y);
    int64_t best = 0;
    double bestArea = INFINITY;
    const float r2 = kHandlePx * kHandlePx * 4 * ui.contentScale * ui.contentScale;
    for (const auto& f : e.session->features(e.layer)) {
        geo::Layer one = geo::featureLayer(f, e.session->kind(e.layer));
        if (one.kind == geo::GeomKind::Point) {
            for (size_t v = 0; v < one.vertexCount(); ++v)
                if (dist2(toScreen(ui, one.xy[2 * v], one.xy[2 * v + 1]), mouse) <= r2) return f.fid;
        } else if (geo::featureContains(one, 0, x, y)) {
            double area = geo::featureArea(one, 0);
            if (area < bestArea) {
                bestArea = area;
                best = f.fid;
            }
        }
    }
    return best;
}

// A vertex handle, or (insert) an edge's midpoint handle, of `f` under the pointer.
std::optional<geo::VertexRef> pickHandle(const UiState& ui, const geo::EditFeature& f, ImVec2 mouse, bool midpoints) {
    const float r2 = kHandlePx * kHandlePx * ui.contentScale * ui.contentScale * 1.6f;
    for (size_t p = 0; p < f.parts.size(); ++p)
        for (size_t r = 0; r < f.parts[p].size(); ++r) {
            const geo::EditRing& ring = f.parts[p][r];
            for (size_t v = 0; v < ring.size(); ++v) {
                geo::EditPoint a = ring[v];
                if (midpoints) {
                    if (ring.size() < 2) continue;
                    const geo::EditPoint b = ring[(v + 1) % ring.size()];
                    a = {(a.x + b.x) / 2, (a.y + b.y) / 2};
                }
                if (dist2(toScreen(ui, a.x, a.y), mouse) <= r2) return geo::VertexRef{p, r, v};
            }
        }
    return std::nullopt;
}

// The draft closed into an area of the layer: for the boundary, another part of its one
// feature when it has one already.
void finishArea(GuiContext& gui) {
    LayerEditState& e = gui.ui.edit;
    if (e.draft.size() < 3) {
        gui.ui.notices.push_back({tr("未保存", "Not saved"), tr("区域至少需要 3 个顶点", "an area needs at least 3 vertices")});
        return;
    }
    geo::EditRing ring = std::move(e.draft);
    e.draft.clear();
    const geo::EditLayer layer = e.layer;
    run(gui, layer, [&] {
        const auto& existing = e.session->features(layer);
        if (layer == geo::EditLayer::Boundary && !existing.empty()) {
            geo::EditFeature f = existing.front();
            f.parts.push_back({std::move(ring)});
            e.session->replaceFeature(layer, f, "draw area");
            e.selectedFid = f.fid;
        } else {
            e.selectedFid = e.session->addFeature(layer, geo::polygonFeature(std::move(ring)), "draw area");
        }
    });
}

void undoRedo(GuiContext& gui, bool isUndo) {
    LayerEditState& e = gui.ui.edit;
    if (isUndo ? !e.session->canUndo() : !e.session->canRedo()) return;
    try {
        if (auto layer = isUndo ? e.session->undo() : e.session->redo()) changed(gui, *layer);
    } catch (const geo::Error& error) {
        gui.ui.notices.push_back({isUndo ? tr("撤销失败", "Undo failed") : tr("重做失败", "Redo failed"), error.what()});
    }
}

void deleteSelection(GuiContext& gui) {
    LayerEditState& e = gui.ui.edit;
    const geo::EditFeature* f = selected(e);
    if (!f) return;
    const geo::EditLayer layer = e.layer;
    if (e.activeVertex && e.session->kind(layer) == geo::GeomKind::Polygon) {
        geo::EditFeature edited = *f;
        geo::VertexRef v = *e.activeVertex;
        run(gui, layer, [&] {
            geo::deleteVertex(edited, v);
            e.session->replaceFeature(layer, edited, "delete vertex");
        });
        return;
    }
    const int64_t fid = f->fid;
    run(gui, layer, [&] { e.session->deleteFeature(layer, fid); });
    e.selectedFid = 0;
}

void handleKeys(GuiContext& gui) {
    LayerEditState& e = gui.ui.edit;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
    if (io.KeyCtrl && ImGui::IsKeyPressed('Z', false)) undoRedo(gui, !io.KeyShift);
    if (io.KeyCtrl && ImGui::IsKeyPressed('Y', false)) undoRedo(gui, false);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        if (!e.draft.empty()) e.draft.clear();
        else if (e.isDragging) e.isDragging = false;
        else e.selectedFid = 0;
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace), false) && !e.draft.empty()) e.draft.pop_back();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) && e.tool == EditTool::DrawArea && !e.draft.empty())
        finishArea(gui);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete), false) && e.draft.empty()) deleteSelection(gui);
}

// The pointer's position, snapped when snapping is on (Alt holds it off); sets the snap marker.
void pointer(GuiContext& gui, ImVec2 mouse, double& x, double& y, const geo::EditPoint* skip) {
    LayerEditState& e = gui.ui.edit;
    toWorld(gui.ui, mouse, x, y);
    e.snap.reset();
    if (!e.snapOn || ImGui::GetIO().KeyAlt) return;
    const double tolerance = static_cast<double>(e.snapPx * gui.ui.contentScale * framebufferScale()) * gui.ui.camera.unitsPerPixel;
    e.snap = e.snapper.snap(x, y, tolerance, skip);
    if (e.snap) {
        x = e.snap->x;
        y = e.snap->y;
    }
}

}  // namespace

bool handleEditInput(GuiContext& gui) {
    UiState& ui = gui.ui;
    LayerEditState& e = ui.edit;
    const ImGuiIO& keys = ImGui::GetIO();
    if (gui.model.isOpen() && !keys.WantCaptureKeyboard && !keys.KeyCtrl && ImGui::IsKeyPressed('E', false)) e.isOn = !e.isOn;
    if (!e.isOn || !gui.model.isOpen()) {
        e.draft.clear();
        e.isDragging = false;
        e.snap.reset();
        return false;
    }
    attach(gui);
    if (!e.session) return false;
    if (e.session->kind(e.layer) == geo::GeomKind::Point ? e.tool == EditTool::DrawArea : e.tool == EditTool::DrawPoint)
        e.tool = EditTool::Select;
    handleKeys(gui);
    ImGuiIO& io = ImGui::GetIO();
    const bool onMap = !io.WantCaptureMouse && ImGui::IsMousePosValid();
    const ImVec2 mouse = io.MousePos;
    double x = 0, y = 0;
    // A dragged vertex never snaps to where it started.
    if (onMap || e.isDragging) pointer(gui, mouse, x, y, e.isDragging && e.hasDragOrigin ? &e.dragOrigin : nullptr);
    else e.snap.reset();

    if (e.isDragging) {
        ui.leftDragCaptured = true;
        geo::moveVertex(e.dragFeature, e.dragVertex, x, y);
        if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
            e.isDragging = false;
            const geo::EditLayer layer = e.layer;
            geo::EditFeature edited = e.dragFeature;
            const char* label = e.dragLabel;
            run(gui, layer, [&] { e.session->replaceFeature(layer, edited, label); });
            e.activeVertex = e.dragVertex;
        }
        return true;
    }
    if (!onMap) return false;

    const bool clicked = ImGui::IsMouseClicked(ImGuiMouseButton_Left);
    const bool released = ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 16.0f;
    switch (e.tool) {
    case EditTool::DrawArea:
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && !e.draft.empty()) {
            e.ignoreRelease = true;
            finishArea(gui);
            return true;
        }
        if (released && std::exchange(e.ignoreRelease, false)) return true;
        if (released) {
            // A click on the first vertex closes the area.
            if (e.draft.size() >= 3 && dist2(toScreen(ui, e.draft.front().x, e.draft.front().y), mouse) <=
                                           kHandlePx * kHandlePx * ui.contentScale * ui.contentScale * 1.6f) {
                finishArea(gui);
                return true;
            }
            e.draft.push_back({x, y});
            e.selectedFid = 0;
        }
        return !e.draft.empty();  // while drawing, a drag still pans (the press does not capture)
    case EditTool::DrawPoint:
        if (released) {
            const geo::EditLayer layer = e.layer;
            run(gui, layer, [&] { e.selectedFid = e.session->addFeature(layer, geo::pointFeature(x, y), "draw point"); });
        }
        return false;
    case EditTool::Select:
        break;
    }
    // Select: a handle of the selected feature starts a drag; a click elsewhere selects.
    if (clicked) {
        if (const geo::EditFeature* f = selected(e)) {
            std::optional<geo::VertexRef> v = pickHandle(ui, *f, mouse, false);
            const bool isInsert = !v && e.session->kind(e.layer) == geo::GeomKind::Polygon && (v = pickHandle(ui, *f, mouse, true));
            if (v) {
                e.dragFeature = *f;
                e.dragVertex = *v;
                e.dragLabel = isInsert ? "insert vertex" : "move vertex";
                if (isInsert) {
                    const geo::EditRing& ring = f->parts[v->part][v->ring];
                    const geo::EditPoint a = ring[v->vertex], b = ring[(v->vertex + 1) % ring.size()];
                    e.dragVertex = geo::insertVertex(e.dragFeature, *v, (a.x + b.x) / 2, (a.y + b.y) / 2);
                }
                e.hasDragOrigin = !isInsert;
                e.dragOrigin = f->parts[v->part][v->ring][v->vertex];
                e.activeVertex = e.dragVertex;
                e.isDragging = !e.session->isReadOnly();
                ui.leftDragCaptured = e.isDragging;
                return e.isDragging;
            }
        }
    }
    if (released) {
        e.selectedFid = pickFeature(ui, mouse);
        e.activeVertex.reset();
    }
    return false;
}

void drawEditOverlay(GuiContext& gui) {
    UiState& ui = gui.ui;
    LayerEditState& e = ui.edit;
    if (!e.isOn || !e.session) return;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const float s = ui.contentScale;
    const ImU32 outline = IM_COL32(240, 120, 0, 255), handle = IM_COL32(255, 255, 255, 255), ink = IM_COL32(30, 30, 30, 255);
    const ImGuiIO& io = ImGui::GetIO();
    // The selected feature (as dragged, while dragging): its outline, vertex and midpoint handles.
    const geo::EditFeature* f = e.isDragging ? &e.dragFeature : selected(e);
    if (f) {
        const bool isArea = e.session->kind(e.layer) == geo::GeomKind::Polygon;
        for (size_t p = 0; p < f->parts.size(); ++p)
            for (size_t r = 0; r < f->parts[p].size(); ++r) {
                const geo::EditRing& ring = f->parts[p][r];
                if (isArea) {
                    for (const auto& v : ring) dl->PathLineTo(toScreen(ui, v.x, v.y));
                    dl->PathStroke(outline, ImDrawFlags_Closed, 2.5f * s);
                    for (size_t v = 0; v < ring.size() && !e.isDragging; ++v) {
                        const geo::EditPoint a = ring[v], b = ring[(v + 1) % ring.size()];
                        ImVec2 m = toScreen(ui, (a.x + b.x) / 2, (a.y + b.y) / 2);
                        dl->AddCircleFilled(m, 3.5f * s, IM_COL32(255, 255, 255, 200));
                        dl->AddCircle(m, 3.5f * s, IM_COL32(120, 120, 120, 255), 0, 1.0f * s);
                    }
                }
                for (size_t v = 0; v < ring.size(); ++v) {
                    ImVec2 q = toScreen(ui, ring[v].x, ring[v].y);
                    const bool isActive = e.activeVertex && *e.activeVertex == geo::VertexRef{p, r, v};
                    const float h = (isActive ? 5.5f : 4.5f) * s;
                    dl->AddRectFilled(ImVec2(q.x - h, q.y - h), ImVec2(q.x + h, q.y + h), isActive ? IM_COL32(255, 200, 0, 255) : handle);
                    dl->AddRect(ImVec2(q.x - h, q.y - h), ImVec2(q.x + h, q.y + h), ink, 0, 0, 1.5f * s);
                }
            }
    }
    // The area being drawn, with the rubber band to the (snapped) pointer.
    if (!e.draft.empty()) {
        ImVec2 cursor = e.snap ? toScreen(ui, e.snap->x, e.snap->y) : io.MousePos;
        for (const auto& v : e.draft) dl->PathLineTo(toScreen(ui, v.x, v.y));
        dl->PathStroke(IM_COL32(200, 30, 120, 255), 0, 2.5f * s);
        ImVec2 last = toScreen(ui, e.draft.back().x, e.draft.back().y), first = toScreen(ui, e.draft.front().x, e.draft.front().y);
        dl->AddLine(last, cursor, IM_COL32(200, 30, 120, 220), 1.5f * s);
        if (e.draft.size() >= 2) dl->AddLine(cursor, first, IM_COL32(200, 30, 120, 120), 1.0f * s);
        for (const auto& v : e.draft) {
            ImVec2 q = toScreen(ui, v.x, v.y);
            dl->AddRectFilled(ImVec2(q.x - 4 * s, q.y - 4 * s), ImVec2(q.x + 4 * s, q.y + 4 * s), handle);
            dl->AddRect(ImVec2(q.x - 4 * s, q.y - 4 * s), ImVec2(q.x + 4 * s, q.y + 4 * s), IM_COL32(200, 30, 120, 255), 0, 0, 1.5f * s);
        }
    }
    // The snap marker: a square on a vertex, a cross in a circle on a road.
    if (e.snap) {
        ImVec2 q = toScreen(ui, e.snap->x, e.snap->y);
        const ImU32 c = IM_COL32(220, 0, 220, 255);
        if (e.snap->kind == geo::EditSnap::Kind::Vertex) {
            dl->AddRect(ImVec2(q.x - 7 * s, q.y - 7 * s), ImVec2(q.x + 7 * s, q.y + 7 * s), c, 0, 0, 2.5f * s);
        } else {
            dl->AddCircle(q, 7 * s, c, 0, 2.5f * s);
            dl->AddLine(ImVec2(q.x - 5 * s, q.y - 5 * s), ImVec2(q.x + 5 * s, q.y + 5 * s), c, 2 * s);
            dl->AddLine(ImVec2(q.x - 5 * s, q.y + 5 * s), ImVec2(q.x + 5 * s, q.y - 5 * s), c, 2 * s);
        }
        const char* what = e.snap->kind == geo::EditSnap::Kind::Vertex
                               ? (e.snap->isRoad ? tr("道路顶点", "road vertex") : tr("顶点", "vertex"))
                               : tr("道路", "road");
        dl->AddText(ImVec2(q.x + 10 * s, q.y + 6 * s), c, what);
    }
}

void drawEditToolsWindow(GuiContext& gui) {
    UiState& ui = gui.ui;
    LayerEditState& e = ui.edit;
    if (!e.isOn || !e.session) return;
    const float s = ui.contentScale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // Fixed at the top centre, where the plan tools stand outside edit mode (the GUI test clicks it).
    ImGui::SetNextWindowPos(ImVec2(display.x / 2 - 360 * s, 30 * s), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(720 * s, 0), ImGuiCond_Always);
    ImGui::Begin("##edit_tools", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    const geo::EditLayer layers[] = {geo::EditLayer::Boundary, geo::EditLayer::Districts, geo::EditLayer::Villages};
    for (geo::EditLayer l : layers) {
        if (l != layers[0]) ImGui::SameLine();
        if (ImGui::RadioButton(mapLayerLabel(mapLayerOf(l)), e.layer == l) && e.layer != l) {
            e.layer = l;
            e.draft.clear();
            e.selectedFid = 0;
            e.activeVertex.reset();
            e.tool = e.session->kind(l) == geo::GeomKind::Point ? EditTool::DrawPoint : EditTool::DrawArea;
        }
    }
    ImGui::SameLine(0, 18 * s);
    const bool isPoint = e.session->kind(e.layer) == geo::GeomKind::Point;
    auto toolButton = [&](EditTool tool, const char* label) {
        const bool active = e.tool == tool;
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.25f, 0.45f, 0.85f, 1.0f));
        if (ImGui::Button(label, ImVec2(96 * s, 26 * s))) {
            e.tool = tool;
            e.draft.clear();
        }
        if (active) ImGui::PopStyleColor();
    };
    toolButton(EditTool::Select, tr("选择/编辑", "Select/edit"));
    ImGui::SameLine();
    if (isPoint) toolButton(EditTool::DrawPoint, tr("画点", "Draw point"));
    else toolButton(EditTool::DrawArea, tr("画区域", "Draw area"));
    // Second row: undo, redo, delete, snapping, done; third: the name of the selected district or
    // village, and a hint.
    ImGui::BeginDisabled(!e.session->canUndo());
    if (ImGui::Button(tr("撤销", "Undo"))) undoRedo(gui, true);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!e.session->canRedo());
    if (ImGui::Button(tr("重做", "Redo"))) undoRedo(gui, false);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!selected(e) || e.session->isReadOnly());
    if (ImGui::Button(e.activeVertex && !isPoint ? tr("删除顶点", "Delete vertex") : tr("删除要素", "Delete feature"))) deleteSelection(gui);
    ImGui::EndDisabled();
    ImGui::SameLine(0, 18 * s);
    ImGui::Checkbox(tr("捕捉", "Snap"), &e.snapOn);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90 * s);
    ImGui::SliderFloat("##snap_px", &e.snapPx, 2.0f, 30.0f, "%.0f px");
    ImGui::SameLine(0, 18 * s);
    if (ImGui::Button(tr("完成", "Done"))) e.isOn = false;

    const geo::EditFeature* f = selected(e);
    if (f && e.layer != geo::EditLayer::Boundary) {
        if (e.nameFor != f->fid || e.nameVersion != e.session->version()) {
            std::snprintf(e.name, sizeof e.name, "%s", e.session->nameOf(e.layer, *f).c_str());
            e.nameFor = f->fid;
            e.nameVersion = e.session->version();
        }
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr("名称", "Name"));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(220 * s);
        const bool entered = ImGui::InputText("##edit_name", e.name, sizeof e.name, ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        if ((ImGui::Button(tr("设置名称", "Set name")) || entered) && std::string(e.name) != e.session->nameOf(e.layer, *f)) {
            const int64_t fid = f->fid;
            const geo::EditLayer layer = e.layer;
            const std::string name = e.name;
            run(gui, layer, [&] { e.session->setName(layer, fid, name); });
        }
        ImGui::SameLine(0, 18 * s);
    }
    if (e.session->isReadOnly())
        ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", tr("只读：不能编辑", "Read-only: edits are not possible"));
    else if (!e.draft.empty())
        ImGui::Text("%zu %s", e.draft.size(),
                    tr("个顶点；双击或回车完成，Esc 取消，退格删除上一个", "vertices; double-click or Enter closes, Esc cancels, Backspace takes one back"));
    else if (e.tool == EditTool::DrawArea)
        ImGui::TextUnformatted(tr("在地图上逐点点击绘制区域", "Click on the map to draw an area vertex by vertex"));
    else if (e.tool == EditTool::DrawPoint)
        ImGui::TextUnformatted(tr("点击地图放置村庄", "Click on the map to place a village"));
    else if (f)
        ImGui::TextUnformatted(tr("拖动顶点移动，拖动中点插入顶点，Delete 删除", "Drag a vertex to move it, an edge midpoint to insert one; Delete removes"));
    else
        ImGui::TextUnformatted(tr("点击要素以选中", "Click a feature to select it"));
    if (e.session->canUndo()) {
        ImGui::SameLine(0, 18 * s);
        ImGui::TextDisabled("%s: %s", tr("可撤销", "Undo"), editLabel(e.session->undoLabel().c_str()));
    }
    ImGui::End();
}

}  // namespace app
