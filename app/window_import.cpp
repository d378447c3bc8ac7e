// Importing a dropped file: which role it plays (a map layer or the returnee list), a preview of
// its layers and fields, then the import on a worker thread with a progress bar and cancel.
#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "app/i18n.hpp"
#include "app/windows.hpp"
#include "geo/core/error.hpp"
#include "geo/io/layer_replace.hpp"
#include "geo/io/village_table.hpp"

namespace app {
namespace {

const char* returneesRoleName() { return tr("返乡人员", "Returnees"); }
const char* returneesTitle() { return tr("导入返乡人员名单", "Import returnees"); }

std::string lowerExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}
bool isCsvFile(const std::string& path) {
    std::string ext = lowerExtension(path);
    return ext == ".csv" || ext == ".tsv" || ext == ".txt";
}

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
    // A village list (经度/纬度 columns) needs no GDAL layer: GDAL may not read a GBK CSV at all.
    const bool isVillageTable = role == MapLayer::Villages && geo::isTableFile(im.path);
    if (im.job || !im.dialogOpen || (im.source.layers.empty() && !isVillageTable)) return;
    im.role = static_cast<int>(role);
    geo::ReplaceRequest request;
    request.workspacePath = gui.model.path().string();
    request.role = mapLayerName(static_cast<MapLayer>(im.role));
    const bool isSheet = !isCsvFile(im.path) && !im.source.layers.empty();
    request.source = {im.path, isSheet || !isVillageTable ? im.source.layers[static_cast<size_t>(im.layerIndex)].name : "", ""};
    im.jobRole = static_cast<MapLayer>(im.role);
    im.jobIsReturnees = false;
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
            job->planLines = geo::planCarryLines(r.plans);
            if (!r.polygonized.empty()) job->notes.push_back(r.polygonized);
            for (const auto& w : r.read.warnings) job->notes.push_back(w);
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
    if (im.jobIsReturnees) {
        finishReturneeImport(gui);
    } else if (!im.job->error.empty()) {
        gui.ui.notices.push_back({tr("导入失败", "Import failed"), im.job->error});
    } else {
        try {
            gui.model.reloadLayer(im.jobRole);
            std::string summary = std::string(mapLayerLabel(im.jobRole)) + ": " +
                                  std::to_string(im.job->features) + " " + tr("要素", "features") + " (" +
                                  std::filesystem::path(im.path).filename().string() + ")";
            if (im.job->skipped > 0)
                summary += ", " + std::to_string(im.job->skipped) + " " + tr("个要素被跳过", "skipped");
            for (const auto& line : im.job->notes) summary += "\n" + line;
            for (const auto& line : im.job->planLines) summary += "\n" + line;
            gui.ui.notices.push_back({tr("导入完成", "Import finished"), summary});
            if (im.jobRole == MapLayer::Boundary) gui.ui.fitRequested = true;
        } catch (const geo::Error& e) {
            gui.ui.notices.push_back({tr("导入失败", "Import failed"), e.what()});
        }
    }
    im.job.reset();
    im.dialogOpen = false;
}

// The map-layer roles: what the layer holds and its first rows.
void drawLayerPreview(const geo::LayerInfo& l) {
    if (l.featureCount >= 0)
        ImGui::Text("%s · %lld %s · %s · %s", l.geometryType.c_str(), static_cast<long long>(l.featureCount),
                    tr("要素", "features"), l.crs.c_str(), l.encoding.c_str());
    else
        ImGui::Text("%s · %s · %s", l.geometryType.c_str(), l.crs.c_str(), l.encoding.c_str());
    for (const std::string& p : l.problems) ImGui::TextColored(ImVec4(0.8f, 0.3f, 0.1f, 1), "%s", p.c_str());
    ImGui::TextUnformatted(tr("样例", "Sample rows"));
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
}

}  // namespace

void startImportPreview(GuiContext& gui, const std::string& path) {
    ImportState& im = gui.ui.import;
    if (im.job) return;  // one import at a time
    if (!gui.model.isOpen()) {
        gui.ui.notices.push_back(
            {tr("无法读取文件", "Cannot read the file"), tr("未打开工作空间", "No workspace open")});
        return;
    }
    try {
        const bool isCsv = isCsvFile(path);
        try {
            im.source = geo::describeSource(path, "", 5);
        } catch (const geo::Error&) {
            if (!isCsv) throw;
            im.source = {};  // Cordon's own CSV reader decodes what GDAL could not: returnees only
        }
        if (im.source.layers.empty() && !isCsv)
            throw geo::Error(std::filesystem::path(path).filename().string() + ": no vector layers");
        im.path = path;
        im.isWorkspace = false;
        try {
            geo::Workspace::open(path, geo::Workspace::Mode::ReadOnly);
            im.isWorkspace = true;
        } catch (const geo::Error&) {
            // An ordinary data source: import only.
        }
        im.layerIndex = 0;
        // Tables (CSV and spreadsheets) are returnee lists unless the planner says otherwise.
        im.role = geo::isTableFile(path) || im.source.layers.empty() ? kReturneesRole : guessRole(im.source.layers[0]);
        im.returnees.encodingChoice = 0;
        im.returnees.isPrepared = false;
        if (im.role == kReturneesRole) prepareReturneePreview(gui);
        // A table with 经度/纬度 but no arrival date is a village list, not a register.
        const std::vector<std::string>& header = im.returnees.header;
        if (im.role == kReturneesRole && im.returnees.columns.date < 0 && geo::villageLonColumn(header) >= 0 &&
            geo::villageLatColumn(header) >= 0)
            im.role = static_cast<int>(MapLayer::Villages);
        im.dialogOpen = true;
    } catch (const std::exception& e) {  // geo::Error, or GDAL running out of memory
        gui.ui.notices.push_back({tr("无法读取文件", "Cannot read the file"), e.what()});
    }
}

void drawImportWindow(GuiContext& gui) {
    ImportState& im = gui.ui.import;
    pollImport(gui);
    if (!im.dialogOpen) return;
    const float s = gui.ui.contentScale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(760 * s, (im.role == kReturneesRole ? 600 : 560) * s), ImGuiCond_Appearing);
    bool open = true;
    // One window whatever its title: "###import" keeps its ID when the role changes the title.
    std::string title =
        std::string(im.role == kReturneesRole ? returneesTitle() : tr("导入图层", "Import a layer")) + "###import";
    if (ImGui::Begin(title.c_str(), im.job ? nullptr : &open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::TextUnformatted(std::filesystem::path(im.path).filename().string().c_str());
        ImGui::TextDisabled("%s", im.source.driver.c_str());
        if (im.job) ImGui::BeginDisabled();
        const bool hasLayers = !im.source.layers.empty();
        if (hasLayers && ImGui::BeginCombo(tr("源图层", "Source layer"),
                                           im.source.layers[static_cast<size_t>(im.layerIndex)].name.c_str())) {
            for (size_t i = 0; i < im.source.layers.size(); ++i) {
                const geo::LayerInfo& l = im.source.layers[i];
                ImGui::PushID(static_cast<int>(i));
                if (ImGui::Selectable(l.name.c_str(), static_cast<int>(i) == im.layerIndex)) {
                    im.layerIndex = static_cast<int>(i);
                    if (im.role != kReturneesRole) im.role = guessRole(l);
                    im.returnees.isPrepared = false;
                }
                ImGui::SameLine();
                ImGui::TextDisabled("%s", l.geometryType.c_str());
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr("用作：", "Use as:"));
        for (int r = 0; r < kReturneesRole; ++r) {
            // A table is a village list (经度/纬度 columns) even when GDAL sees no layer in it.
            const bool isUsable = hasLayers || (r == static_cast<int>(MapLayer::Villages) && geo::isTableFile(im.path));
            ImGui::SameLine();
            if (!isUsable) ImGui::BeginDisabled();
            ImGui::RadioButton(mapLayerLabel(static_cast<MapLayer>(r)), &im.role, r);
            if (!isUsable) ImGui::EndDisabled();
        }
        ImGui::SameLine();
        ImGui::RadioButton(returneesRoleName(), &im.role, kReturneesRole);
        if (im.role == kReturneesRole && !im.returnees.isPrepared) {
            try {
                prepareReturneePreview(gui);
            } catch (const std::exception& e) {  // geo::Error, or GDAL running out of memory
                gui.ui.notices.push_back({tr("无法读取文件", "Cannot read the file"), e.what()});
                if (hasLayers) im.role = guessRole(im.source.layers[static_cast<size_t>(im.layerIndex)]);
            }
        }
        if (im.role == kReturneesRole) drawReturneeImportSection(gui);
        else if (im.role == static_cast<int>(MapLayer::Villages) && geo::isTableFile(im.path))
            ImGui::TextWrapped("%s", tr("村庄名单：每行一个村，按经度/纬度（或 lon/lat、x/y、东经/北纬）列定位；标题行、合计行和无坐标的行跳过。",
                                        "Village list: one village a row, placed by its 经度/纬度 (or lon/lat, x/y, 东经/北纬) columns; "
                                        "title rows, 合计 rows and rows without coordinates are skipped."));
        else if (hasLayers) drawLayerPreview(im.source.layers[static_cast<size_t>(im.layerIndex)]);
        if (im.job) ImGui::EndDisabled();
        if (im.job) {
            ImGui::ProgressBar(static_cast<float>(im.job->progress.load()), ImVec2(-120 * s, 0),
                               tr("正在导入…", "Importing…"));
            ImGui::SameLine();
            if (ImGui::Button(tr("取消", "Cancel"), ImVec2(-1, 0))) im.job->cancel.store(true);
        } else {
            if (ImGui::Button(tr("导入", "Import"), ImVec2(140 * s, 0))) {
                if (im.role == kReturneesRole) startReturneeImport(gui);
                else startImport(gui, static_cast<MapLayer>(im.role));
            }
            ImGui::SameLine();
            if (ImGui::Button(tr("取消", "Cancel"), ImVec2(140 * s, 0))) open = false;
            if (im.isWorkspace) {
                ImGui::SameLine();
                if (ImGui::Button(tr("打开此工作空间", "Open this workspace"))) {
                    try {
                        gui.model.open(im.path);
                        gui.ui.fitRequested = true;
                        gui.ui.selectedDistrict = -1;
                        open = false;
                    } catch (const geo::Error& e) {
                        gui.ui.notices.push_back({tr("无法打开工作空间", "Cannot open the workspace"), e.what()});
                    }
                }
            }
        }
    }
    ImGui::End();
    if (!open) im.dialogOpen = false;
}

}  // namespace app
