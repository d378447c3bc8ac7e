// PNG encoding for snapshots: whole images with libdeflate, huge ones streamed band by band.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include "geo/core/byte_buffer.hpp"

namespace geo {

class StagedFile;

enum class PngFormat { Rgb, Rgba };
inline int pngChannels(PngFormat f) { return f == PngFormat::Rgba ? 4 : 3; }

struct PngOptions {
    PngFormat format = PngFormat::Rgb;
    double dpi = 0;                           // > 0 writes a pHYs chunk (pixels per metre)
    size_t bufferLimitBytes = size_t(64) << 20;  // larger images stream through zlib in bands
    int threads = 0;  // whole images: compressed in parts on this many threads (0: one per core; 1: libdeflate in one call)
};

// Checks that the folder of `path` exists (it is never created); throws geo::Error otherwise.
void checkOutputFolder(const std::filesystem::path& path);

// Writes a PNG to a new file beside the target (geo::StagedFile) and renames it over the target
// only when every row has been written and the file closed without error. Rows come top to bottom.
// Any failure throws geo::Error and removes the partial file; so does destruction before finish().
class PngWriter {
public:
    PngWriter(const std::filesystem::path& path, int width, int height, const PngOptions& options);
    ~PngWriter();
    PngWriter(const PngWriter&) = delete;
    PngWriter& operator=(const PngWriter&) = delete;

    // `rowCount` rows of width * channels bytes, `strideBytes` apart (negative: bottom-up memory).
    void writeRows(const uint8_t* firstRow, int rowCount, std::ptrdiff_t strideBytes);
    void finish();  // throws unless exactly height rows were written
    int rowsWritten() const { return rowsWritten_; }
    bool isStreaming() const { return streaming_; }

private:
    struct ZStream;
    void writeChunk(const char type[4], const uint8_t* data, size_t size);
    void writeBytes(const void* data, size_t size);
    void filterRows(const uint8_t* firstRow, int rowCount, std::ptrdiff_t strideBytes, uint8_t* out);
    void deflateFiltered(const uint8_t* data, size_t size, bool isLast);
    void fail(const std::string& what);

    std::filesystem::path path_;
    std::unique_ptr<StagedFile> staged_;  // the file being written, beside the target
    std::FILE* file_ = nullptr;
    int height_ = 0;
    PngOptions options_;
    size_t rowBytes_ = 0;  // without the filter byte
    bool streaming_ = false;
    bool finished_ = false;
    int rowsWritten_ = 0;
    std::vector<uint8_t> previousRow_;
    ByteBuffer filtered_;   // whole image (buffered) or one band (streaming)
    ByteBuffer compressed_;
    std::unique_ptr<ZStream> zstream_;
};

// One call for an image in memory.
void writePng(const std::filesystem::path& path, const uint8_t* pixels, int width, int height,
              const PngOptions& options);

}  // namespace geo
