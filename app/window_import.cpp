// Importing a dropped file: which role it plays, a preview of its layers and fields, then the
// replacement on a worker thread with a progress bar and cancel.
#include <imgui.h>

#include <filesystem>

#include "app/i18n.hpp"
#include "app/windows.hpp"
#include "geo/error.hpp"
#include "geo/layer_replace.hpp"

namespace app {
namespace {

const Text kRoleNames[] = {Text::Boundary, Text::Districts, Text::Roads, Text::Villages};

// A role guess from the layer's geometry type.
int guessRole(const geo::LayerInfo& info) {
    const std::string& g = info.geometryType;
    if (g.find("Line") != std::string::npos) return static_cast<int>(MapLayer::Roads);
    if (g.find("Point") != std::string::npos) return static_cast<int>(MapLayer::Villages);
    return static_cast<int>(MapLayer::Districts);
}

}  // namespace

void startImport(GuiContext& gui, MapLayer role) {
    ImportState& im = gui.ui.import;
    if (im.job || !im.dialogOpen) return;
    im.role = static_cast<int>(role);
    const geo::LayerInfo& info = im.source.layers[static_cast<size_t>(im.layerIndex)];
    geo::ReplaceRequest request;
    request.workspacePath = gui.model.path().string();
    request.role = mapLayerName(static_cast<MapLayer>(im.role));
    request.source = {im.path, info.name, ""};
    im.jobRole = static_cast<MapLayer>(im.role);
    im.job = std::make_unique<ImportJob>();
    ImportJob* job = im.job.get();
    job->worker = std::thread([job, request]() mutable {
        request.progress = [job](double f) {
            job->progress.store(f);
            return !job->cancel.load();
        };
        try {
            geo::ReplaceReport r = geo::replaceLayer(request);
            job->features = r.features;
            job->skipped = r.read.skipped();
        } catch (const geo::Error& e) {
            job->error = e.what();
        } catch (const std::exception& e) {
            job->error = e.what();
        }
        job->done.store(true);
    });
}

namespace {

void pollImport(GuiContext& gui) {
    ImportState& im = gui.ui.import;
    if (!im.job || !im.job->done.load()) return;
    im.job->worker.join();
    if (!im.job->error.empty()) {
        gui.ui.notices.push_back({tr(Text::ImportFailed), im.job->error});
    } else {
        try {
            gui.model.reloadLayer(im.jobRole);
            std::string summary = std::string(tr(kRoleNames[static_cast<size_t>(im.jobRole)])) + ": " +
                                  std::to_string(im.job->features) + " " + tr(Text::Features) + " (" +
                                  std::filesystem::path(im.path).filename().string() + ")";
            if (im.job->skipped > 0) summary += ", " + std::to_string(im.job->skipped) + " " + tr(Text::Skipped);
            gui.ui.notices.push_back({tr(Text::ImportDone), summary});
            if (im.jobRole == MapLayer::Boundary) gui.ui.fitRequested = true;
        } catch (const geo::Error& e) {
            gui.ui.notices.push_back({tr(Text::ImportFailed), e.what()});
        }
    }
    im.job.reset();
    im.dialogOpen = false;
}

}  // namespace

void startImportPreview(GuiContext& gui, const std::string& path) {
    ImportState& im = gui.ui.import;
    if (im.job) return;  // one import at a time
    if (!gui.model.isOpen()) {
        gui.ui.notices.push_back({tr(Text::CannotRead), tr(Text::NoWorkspace)});
        return;
    }
    try {
        im.source = geo::describeSource(path, "", 5);
        if (im.source.layers.empty()) throw geo::Error(std::filesystem::path(path).filename().string() + ": no vector layers");
        im.path = path;
        im.layerIndex = 0;
        im.role = guessRole(im.source.layers[0]);
        im.dialogOpen = true;
    } catch (const geo::Error& e) {
        gui.ui.notices.push_back({tr(Text::CannotRead), e.what()});
    }
}

void drawImportWindow(GuiContext& gui) {
    ImportState& im = gui.ui.import;
    pollImport(gui);
    if (!im.dialogOpen) return;
    const float s = gui.ui.contentScale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(640 * s, 460 * s), ImGuiCond_Appearing);
    bool open = true;
    if (ImGui::Begin(tr(Text::ImportTitle), im.job ? nullptr : &open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::TextUnformatted(std::filesystem::path(im.path).filename().string().c_str());
        ImGui::TextDisabled("%s", im.source.driver.c_str());
        if (im.job) ImGui::BeginDisabled();
        const geo::LayerInfo& current = im.source.layers[static_cast<size_t>(im.layerIndex)];
        if (ImGui::BeginCombo(tr(Text::ImportLayer), current.name.c_str())) {
            for (size_t i = 0; i < im.source.layers.size(); ++i) {
                const geo::LayerInfo& l = im.source.layers[i];
                ImGui::PushID(static_cast<int>(i));
                if (ImGui::Selectable(l.name.c_str(), static_cast<int>(i) == im.layerIndex)) {
                    im.layerIndex = static_cast<int>(i);
                    im.role = guessRole(l);
                }
                ImGui::SameLine();
                ImGui::TextDisabled("%s", l.geometryType.c_str());
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr(Text::ImportRole));
        for (int r = 0; r < 4; ++r) {
            ImGui::SameLine();
            ImGui::RadioButton(tr(kRoleNames[r]), &im.role, r);
        }
        const geo::LayerInfo& l = im.source.layers[static_cast<size_t>(im.layerIndex)];
        if (l.featureCount >= 0)
            ImGui::Text("%s · %lld %s · %s · %s", l.geometryType.c_str(), static_cast<long long>(l.featureCount),
                        tr(Text::Features), l.crs.c_str(), l.encoding.c_str());
        else
            ImGui::Text("%s · %s · %s", l.geometryType.c_str(), l.crs.c_str(), l.encoding.c_str());
        for (const std::string& p : l.problems) ImGui::TextColored(ImVec4(0.8f, 0.3f, 0.1f, 1), "%s", p.c_str());
        ImGui::TextUnformatted(tr(Text::ImportSample));
        int columns = static_cast<int>(std::min<size_t>(l.fields.size(), 60));
        if (columns > 0 &&
            ImGui::BeginTable("##sample", columns, ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg,
                              ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 2.2f))) {
            for (int c = 0; c < columns; ++c) ImGui::TableSetupColumn(l.fields[static_cast<size_t>(c)].name.c_str());
            ImGui::TableHeadersRow();
            for (const auto& row : l.sampleRows) {
                ImGui::TableNextRow();
                for (int c = 0; c < columns && static_cast<size_t>(c) < row.size(); ++c) {
                    ImGui::TableSetColumnIndex(c);
                    ImGui::TextUnformatted(row[static_cast<size_t>(c)].c_str());
                }
            }
            ImGui::EndTable();
        }
        if (im.job) ImGui::EndDisabled();
        if (im.job) {
            ImGui::ProgressBar(static_cast<float>(im.job->progress.load()), ImVec2(-120 * s, 0), tr(Text::ImportRunning));
            ImGui::SameLine();
            if (ImGui::Button(tr(Text::Cancel), ImVec2(-1, 0))) im.job->cancel.store(true);
        } else {
            if (ImGui::Button(tr(Text::Import), ImVec2(140 * s, 0))) startImport(gui, static_cast<MapLayer>(im.role));
            ImGui::SameLine();
            if (ImGui::Button(tr(Text::Cancel), ImVec2(140 * s, 0))) open = false;
        }
    }
    ImGui::End();
    if (!open) im.dialogOpen = false;
}

}  // namespace app
