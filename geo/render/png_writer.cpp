// PNG encoding: rows filtered with "Up" (cheap, and maps are mostly flat areas), compressed on
// every core in parts (or by libdeflate level 1 in one call on one core), or by zlib level 1 band
// by band when the image is too large to hold.
#include "geo/render/png_writer.hpp"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "geo/core/error.hpp"
#include "geo/core/threads.hpp"
#include "geo/io/output_file.hpp"

namespace geo {
namespace {

constexpr std::array<uint8_t, 8> kSignature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr size_t kIdatChunkBytes = size_t(1) << 20;
constexpr int kMaxSide = 1 << 20;

void putBe32(uint8_t* p, uint32_t v) {
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
}

struct CompressorDeleter {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

std::string displayName(const std::filesystem::path& p) { return p.string(); }

// One part of a deflate stream compressed on its own thread: raw deflate ending on a byte
// boundary (a sync flush; the last part finishes the stream), so the parts joined in order are
// one valid stream, with the Adler-32 of its input for the zlib trailer (as pigz does).
struct DeflatePart {
    ByteBuffer out;
    uint32_t adler = 1;
    size_t inputBytes = 0;
    bool ok = false;
};

void deflatePart(const uint8_t* data, size_t size, bool isLast, DeflatePart& part) {
    part.inputBytes = size;
    part.adler = libdeflate_adler32(1, data, size);
    z_stream z{};
    // Level 2 here: on map images it is both faster and smaller than zlib's level 1.
    if (deflateInit2(&z, 2, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;
    part.out.resize(deflateBound(&z, static_cast<uLong>(size)) + 16);
    z.next_in = const_cast<Bytef*>(data);
    z.avail_in = static_cast<uInt>(size);
    z.next_out = part.out.data();
    z.avail_out = static_cast<uInt>(part.out.size());
    const int rc = deflate(&z, isLast ? Z_FINISH : Z_SYNC_FLUSH);
    part.ok = (isLast ? rc == Z_STREAM_END : rc == Z_OK) && z.avail_in == 0;
    part.out.resize(part.out.size() - z.avail_out);
    deflateEnd(&z);
}

// The parts to split `size` bytes of `rowBytes`-long rows into: one per thread (0: per core),
// none under 2 MB.
std::vector<size_t> partBoundaries(size_t size, size_t rowBytes, int threads) {
    const size_t cores = static_cast<size_t>(threads > 0 ? threads : workerCount());
    const size_t parts = std::clamp<size_t>(size / (size_t(2) << 20), 1, std::min<size_t>(cores, 16));
    const size_t rows = size / rowBytes;
    std::vector<size_t> at{0};
    for (size_t i = 1; i < parts; ++i) at.push_back(rows * i / parts * rowBytes);
    at.push_back(size);
    return at;
}

}  // namespace

struct PngWriter::ZStream {
    z_stream z{};
    bool isOpen = false;
    ~ZStream() {
        if (isOpen) deflateEnd(&z);
    }
};

void checkOutputFolder(const std::filesystem::path& path) {
    if (path.empty()) throw Error("no output file given");
    std::filesystem::path folder = path.parent_path();
    if (folder.empty()) folder = ".";
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw Error(displayName(path) + ": folder " + displayName(folder) + " does not exist");
    if (std::filesystem::is_directory(path, ec)) throw Error(displayName(path) + ": is a folder");
}

PngWriter::PngWriter(const std::filesystem::path& path, int width, int height, const PngOptions& options)
    : path_(path), height_(height), options_(options) {
    if (width <= 0 || height <= 0 || width > kMaxSide || height > kMaxSide)
        throw Error(displayName(path) + ": cannot write a " + std::to_string(width) + " x " +
                    std::to_string(height) + " image");
    checkOutputFolder(path);
    rowBytes_ = static_cast<size_t>(width) * static_cast<size_t>(pngChannels(options.format));
    const size_t filteredBytes = (rowBytes_ + 1) * static_cast<size_t>(height);
    streaming_ = filteredBytes > options.bufferLimitBytes;
    staged_ = std::make_unique<StagedFile>(path_, "render");
    file_ = staged_->create();
    if (!file_) throw Error(displayName(path) + ": cannot write (" + std::strerror(errno) + ")");
    previousRow_.assign(rowBytes_, 0);
    try {
        writeBytes(kSignature.data(), kSignature.size());
        std::array<uint8_t, 13> ihdr{};
        putBe32(&ihdr[0], static_cast<uint32_t>(width));
        putBe32(&ihdr[4], static_cast<uint32_t>(height));
        ihdr[8] = 8;                                                // bit depth
        ihdr[9] = options.format == PngFormat::Rgba ? 6 : 2;        // colour type
        writeChunk("IHDR", ihdr.data(), ihdr.size());
        if (options.dpi > 0) {
            std::array<uint8_t, 9> phys{};
            const auto ppm = static_cast<uint32_t>(std::lround(options.dpi / 0.0254));
            putBe32(&phys[0], ppm);
            putBe32(&phys[4], ppm);
            phys[8] = 1;  // unit: metre
            writeChunk("pHYs", phys.data(), phys.size());
        }
        if (streaming_) {
            zstream_ = std::make_unique<ZStream>();
            if (deflateInit(&zstream_->z, 1) != Z_OK) throw Error(displayName(path) + ": cannot start compression");
            zstream_->isOpen = true;
            compressed_.resize(kIdatChunkBytes);
        } else {
            filtered_.reserve(filteredBytes);
        }
    } catch (...) {
        if (file_) std::fclose(file_);
        file_ = nullptr;
        staged_.reset();
        throw;
    }
}

PngWriter::~PngWriter() {
    if (file_) std::fclose(file_);
    staged_.reset();  // removes the file unless it was renamed into place
}

void PngWriter::fail(const std::string& what) {
    if (file_) std::fclose(file_);
    file_ = nullptr;
    staged_.reset();
    throw Error(displayName(path_) + ": " + what);
}

void PngWriter::writeBytes(const void* data, size_t size) {
    if (!file_) throw Error(displayName(path_) + ": already failed");
    if (size > 0 && std::fwrite(data, 1, size, file_) != size)
        fail(std::string("write failed (") + std::strerror(errno) + ")");
}

void PngWriter::writeChunk(const char type[4], const uint8_t* data, size_t size) {
    std::array<uint8_t, 8> head{};
    putBe32(&head[0], static_cast<uint32_t>(size));
    std::memcpy(&head[4], type, 4);
    uint32_t crc = libdeflate_crc32(0, &head[4], 4);
    if (size > 0) crc = libdeflate_crc32(crc, data, size);
    std::array<uint8_t, 4> tail{};
    putBe32(&tail[0], crc);
    writeBytes(head.data(), head.size());
    writeBytes(data, size);
    writeBytes(tail.data(), tail.size());
}

void PngWriter::filterRows(const uint8_t* firstRow, int rowCount, std::ptrdiff_t strideBytes, uint8_t* out) {
    // Up: each row less the one above it, so parts of the image filter on separate cores.
    auto filterPart = [&](int r0, int r1) {
        for (int r = r0; r < r1; ++r) {
            const uint8_t* row = firstRow + strideBytes * r;
            const uint8_t* above = r == 0 ? previousRow_.data() : row - strideBytes;
            uint8_t* o = out + static_cast<size_t>(r) * (rowBytes_ + 1);
            o[0] = 2;
            for (size_t i = 0; i < rowBytes_; ++i) o[1 + i] = static_cast<uint8_t>(row[i] - above[i]);
        }
    };
    const int cores = options_.threads > 0 ? options_.threads : workerCount();
    const int parts = streaming_ ? 1 : std::clamp(rowCount / 64, 1, cores);
    std::vector<std::thread> threads;
    for (int p = 1; p < parts; ++p) threads.emplace_back(filterPart, rowCount * p / parts, rowCount * (p + 1) / parts);
    filterPart(0, rowCount / parts);
    for (auto& t : threads) t.join();
    if (rowCount > 0) std::memcpy(previousRow_.data(), firstRow + strideBytes * (rowCount - 1), rowBytes_);
}

void PngWriter::deflateFiltered(const uint8_t* data, size_t size, bool isLast) {
    z_stream& z = zstream_->z;
    z.next_in = const_cast<Bytef*>(data);
    z.avail_in = static_cast<uInt>(size);
    for (;;) {
        z.next_out = compressed_.data();
        z.avail_out = static_cast<uInt>(compressed_.size());
        const int rc = deflate(&z, isLast ? Z_FINISH : Z_NO_FLUSH);
        if (rc == Z_STREAM_ERROR) fail("compression failed");
        const size_t produced = compressed_.size() - z.avail_out;
        if (produced > 0) writeChunk("IDAT", compressed_.data(), produced);
        if (isLast ? rc == Z_STREAM_END : (z.avail_in == 0 && z.avail_out != 0)) break;
    }
}

void PngWriter::writeRows(const uint8_t* firstRow, int rowCount, std::ptrdiff_t strideBytes) {
    if (finished_ || !file_) throw Error(displayName(path_) + ": writer already closed");
    if (rowCount < 0 || rowsWritten_ + rowCount > height_)
        throw Error(displayName(path_) + ": more rows than the image height");
    const size_t band = static_cast<size_t>(rowCount) * (rowBytes_ + 1);
    uint8_t* out;
    if (streaming_) {
        filtered_.resize(band);
        out = filtered_.data();
    } else {
        const size_t at = filtered_.size();
        filtered_.resize(at + band);
        out = filtered_.data() + at;
    }
    filterRows(firstRow, rowCount, strideBytes, out);
    rowsWritten_ += rowCount;
    if (streaming_) deflateFiltered(filtered_.data(), band, false);
}

void PngWriter::finish() {
    if (finished_) return;
    if (!file_) throw Error(displayName(path_) + ": writer already failed");
    if (rowsWritten_ != height_)
        fail("only " + std::to_string(rowsWritten_) + " of " + std::to_string(height_) + " rows were drawn");
    if (streaming_) {
        deflateFiltered(nullptr, 0, true);
    } else if (const std::vector<size_t> cut = partBoundaries(filtered_.size(), rowBytes_ + 1, options_.threads); cut.size() > 2) {
        std::vector<DeflatePart> parts(cut.size() - 1);
        std::vector<std::thread> threads;
        for (size_t i = 1; i < parts.size(); ++i)
            threads.emplace_back(deflatePart, filtered_.data() + cut[i], cut[i + 1] - cut[i], i + 1 == parts.size(), std::ref(parts[i]));
        deflatePart(filtered_.data(), cut[1], false, parts[0]);
        for (auto& t : threads) t.join();
        uint32_t adler = parts[0].adler;
        for (size_t i = 1; i < parts.size(); ++i) adler = static_cast<uint32_t>(adler32_combine(adler, parts[i].adler, static_cast<z_off_t>(parts[i].inputBytes)));
        // The zlib stream: header (deflate, 32 KB window, check bits), the parts, the Adler-32.
        ByteBuffer idat{0x78, 0x5e};
        for (const auto& p : parts) {
            if (!p.ok) fail("compression failed");
            idat.insert(idat.end(), p.out.begin(), p.out.end());
        }
        const uint8_t trailer[4] = {static_cast<uint8_t>(adler >> 24), static_cast<uint8_t>(adler >> 16),
                                    static_cast<uint8_t>(adler >> 8), static_cast<uint8_t>(adler)};
        idat.insert(idat.end(), trailer, trailer + 4);
        for (size_t pos = 0; pos < idat.size(); pos += kIdatChunkBytes)
            writeChunk("IDAT", idat.data() + pos, std::min(kIdatChunkBytes, idat.size() - pos));
        ByteBuffer().swap(filtered_);
    } else {
        std::unique_ptr<libdeflate_compressor, CompressorDeleter> c(libdeflate_alloc_compressor(1));
        if (!c) fail("out of memory for compression");
        compressed_.resize(libdeflate_zlib_compress_bound(c.get(), filtered_.size()));
        const size_t n = libdeflate_zlib_compress(c.get(), filtered_.data(), filtered_.size(), compressed_.data(),
                                                  compressed_.size());
        if (n == 0) fail("compression failed");
        for (size_t at = 0; at < n; at += kIdatChunkBytes)
            writeChunk("IDAT", compressed_.data() + at, std::min(kIdatChunkBytes, n - at));
        ByteBuffer().swap(filtered_);
    }
    writeChunk("IEND", nullptr, 0);
    const bool flushed = std::fflush(file_) == 0;
    const int flushErrno = errno;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!flushed || !closed) {
        staged_.reset();
        throw Error(displayName(path_) + ": write failed (" + std::strerror(flushed ? errno : flushErrno) + ")");
    }
    staged_->commit();
    staged_.reset();
    finished_ = true;
}

void writePng(const std::filesystem::path& path, const uint8_t* pixels, int width, int height,
              const PngOptions& options) {
    PngWriter w(path, width, height, options);
    w.writeRows(pixels, height, static_cast<std::ptrdiff_t>(width) * pngChannels(options.format));
    w.finish();
}

}  // namespace geo
