// Line meshes simplified to power-of-two grids, for views where most segments are a pixel or less.
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "geo/core/layer.hpp"
#include "geo/render/mesh.hpp"

namespace geo {

// One level of detail: every vertex moved to the centre of its grid cell, vertices that fell into
// the cell of the one before dropped, then each line simplified (sleeve fitting, tolerance 3/4 of
// a cell by default) and a segment a line repeats as it folds back kept once. A line whose
// vertices all fell into one cell stays as a dot. Drawn at a zoom where a cell is at most half a
// pixel, a kept vertex moves by at most a quarter pixel in each direction and a line by under
// 0.75 pixel: a 4K snapshot of the 1M-segment peers' township draws 36% of the segments, for a
// mean difference of 1.7/255 per channel from the full geometry (0.4% of pixels off by > 48).
struct LineLod {
    double gridMetres = 0;  // cell side
    LineMesh mesh;          // same origin and styles as the full mesh
};

struct LineLodOptions {
    double finestCellsAcross = 16384;  // the finest grid divides the longer side of the extent so
    int levels = 8;                    // coarser levels double the cell each time
    double keepRatio = 0.8;            // a level is kept only below this share of the finer mesh it replaces
    double toleranceCells = 0.75;      // simplification tolerance, in cells of the level
    // Only one level, of this cell size (a snapshot's single zoom); infinity: all levels.
    double onlyCellMetres = std::numeric_limits<double>::infinity();
};

// Builds the levels of a line layer (roads): add layers with their styles, then finish().
class LineLodBuilder {
public:
    LineLodBuilder(double originX, double originY) : originX_(originX), originY_(originY) {}
    void addLines(const Layer& layer, std::function<uint8_t(size_t feature)> styleOf);
    // Finest level first. `fullSegments` is the full mesh's count: a level must be smaller than it.
    std::vector<LineLod> finish(size_t fullSegments, const LineLodOptions& options = {});

private:
    struct Source {
        const Layer* layer;
        std::function<uint8_t(size_t)> styleOf;
    };
    double originX_, originY_;
    std::vector<Source> sources_;
};

// Index of the coarsest level whose cell is at most `maxCellMetres`; -1 when none is (the full
// mesh must be drawn). Levels are finest first.
int pickLineLod(const std::vector<LineLod>& levels, double maxCellMetres);

}  // namespace geo
