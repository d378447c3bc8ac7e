// Editing the township's own layers by hand: the features of boundary, districts and villages as
// stored, the edit verbs (each checked, then saved in one transaction with the layer's record),
// and undo/redo of every edit for as long as the session lives. The GUI's drawing tools call
// these; a failed verb leaves the file and the history as they were.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/plan/layer_edit.hpp"

namespace geo {

class Workspace;

// One recorded edit: the features before and after, matched by fid (before only: deleted; after
// only: added).
struct LayerEditStep {
    EditLayer layer = EditLayer::Boundary;
    std::string label;  // "draw area", "move vertex", ...
    std::vector<EditFeature> before, after;
};

class LayerEditSession {
public:
    // The workspace must outlive the session.
    explicit LayerEditSession(Workspace& workspace, size_t maxDepth = 200);
    bool isReadOnly() const;
    GeomKind kind(EditLayer layer) const;        // the table's, or the default for a layer not there yet
    const std::vector<EditFeature>& features(EditLayer layer) const;  // read on first use
    std::optional<size_t> indexOf(EditLayer layer, int64_t fid) const;
    // The column a district's or village's name is kept in ("name" when the table has none yet).
    std::string nameColumn(EditLayer layer) const;
    std::string nameOf(EditLayer layer, const EditFeature& f) const;

    // The verbs. Each refuses (geo::Error) a read-only workspace and an invalid area, saves
    // in one transaction (the table created where the workspace has none yet, cordon_layers'
    // count and gpkg_contents' extent updated) and records one undo step.
    int64_t addFeature(EditLayer layer, EditFeature f, const std::string& label);  // returns the new fid
    void replaceFeature(EditLayer layer, const EditFeature& f, const std::string& label);  // by fid
    void deleteFeature(EditLayer layer, int64_t fid);
    void setName(EditLayer layer, int64_t fid, const std::string& name);

    bool canUndo() const { return !undo_.empty(); }
    bool canRedo() const { return !redo_.empty(); }
    std::string undoLabel() const { return undo_.empty() ? std::string() : undo_.back().label; }
    std::string redoLabel() const { return redo_.empty() ? std::string() : redo_.back().label; }
    // Return the layer that changed, nothing when there was nothing to undo/redo.
    std::optional<EditLayer> undo();
    std::optional<EditLayer> redo();
    uint64_t version() const { return version_; }  // bumped by every saved change
    // What the last saved change could not follow up (the checkpoints' districts), "" when all went well.
    const std::string& warning() const { return warning_; }

private:
    // Writes `after` over `before` in one transaction; new rows get their fids in `after`.
    void apply(EditLayer layer, const std::vector<EditFeature>& before, std::vector<EditFeature>& after);
    void commit(LayerEditStep step);
    // Undo (`from` the undo list `to` the redo list) or redo the last step there.
    std::optional<EditLayer> replay(std::vector<LayerEditStep>& from, std::vector<LayerEditStep>& to, bool isUndo);
    size_t requireIndex(EditLayer layer, int64_t fid) const;  // throws geo::Error naming the fid
    void load(EditLayer layer) const;
    Workspace* workspace_;
    size_t maxDepth_;
    std::vector<LayerEditStep> undo_, redo_;
    mutable std::array<std::optional<std::vector<EditFeature>>, kEditLayerCount> features_;
    mutable std::array<std::optional<GeomKind>, kEditLayerCount> kinds_;  // asked every frame: kept
    uint64_t version_ = 0;
    std::string warning_;
};

}  // namespace geo
