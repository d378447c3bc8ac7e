// RAII owners for a GEOS reentrant context and the geometries made in it.
#pragma once
#include <geos_c.h>
#include <memory>

namespace geo {

struct GeosContext {
    GEOSContextHandle_t h = GEOS_init_r();
    ~GeosContext() { GEOS_finish_r(h); }
    GeosContext() = default;
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;
};

struct GeomDeleter {
    GEOSContextHandle_t h;
    void operator()(GEOSGeometry* g) const { if (g) GEOSGeom_destroy_r(h, g); }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

}  // namespace geo
