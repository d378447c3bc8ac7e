// Writing output files safely: never over a workspace or a file of another kind by mistake,
// never through a planted link, never half-written, and nothing left behind by a killed writer.
#pragma once
#include <cstdio>
#include <filesystem>
#include <string>

#include "geo/core/c_handles.hpp"

namespace geo {

enum class OutputKind { Png, Csv, GeoJson, Kml, GeoPackage, Xlsx };
const char* outputKindName(OutputKind kind);  // "a PNG image", "a CSV file", ...

// Refuses (geo::Error) to write `kind` to `target` when its extension names another format; when
// it is `workspace` itself (always); or, unless `force`, when it is an existing Cordon workspace
// or a file of another kind than `kind` (by its content).
void checkOutputTarget(const std::filesystem::path& target, OutputKind kind, bool force,
                       const std::filesystem::path& workspace = {});

// A new file for `target`, written in a private folder beside it and renamed over it only on
// commit(). Construction takes the writers' lock of the target (geo::Error "another <activity>
// is running ..." while another Cordon holds it), clears what interrupted writers left beside the
// target, and creates the folder exclusively, so no planted file or link is ever written through.
class StagedFile {
public:
    // `stagedName`: the new file's name in the folder (default: the target's; GDAL wants .gpkg).
    StagedFile(const std::filesystem::path& target, const std::string& activity, const std::string& stagedName = "");
    ~StagedFile();  // removes the folder and anything not committed, releases the lock
    StagedFile(const StagedFile&) = delete;
    StagedFile& operator=(const StagedFile&) = delete;

    const std::filesystem::path& path() const { return staged_; }
    std::FILE* create();  // opens path() for writing, exclusively; nullptr (errno set) on failure
    void commit();        // renames path() over the target; geo::Error on failure

private:
    std::filesystem::path target_, lockPath_, folder_, staged_;
    SqliteDb lock_;
};

}  // namespace geo
