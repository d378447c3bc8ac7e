# Writes the code points of every non-ASCII character in the string literals of app/*.cpp|hpp
# (the tr("中文", "English") texts, symbols like "…" and "²") into one header, so the font atlas
# holds every glyph the UI can show without a hand-kept list. Comments are skipped.
# Usage: cmake -DDIR=<app dir> -DOUT=<header> -DSTAMP=<file touched on each run> -P collect_glyphs.cmake
file(GLOB files ${DIR}/*.cpp ${DIR}/*.hpp)
list(SORT files)

# Tokens that may hold a quote or an apostrophe: string and character literals, comments, and numbers
# (for the digit separator in 1'000). MATCHALL takes them left to right, so a quote inside a comment or
# a character literal never opens a string.
set(token_regex "\"([^\"\\\\\n]|\\\\.)*\"|'([^'\\\\\n]|\\\\.)*'|//[^\n]*|/\\*([^*]|\\*+[^*/])*\\*+/|[0-9][0-9A-Za-z_'.]*")
set(texts "")
foreach(f ${files})
  file(READ ${f} source)
  # CMake lists split on ';': no literal needs it to be collected.
  string(REPLACE ";" " " source "${source}")
  string(REGEX MATCHALL "${token_regex}" tokens "${source}")
  foreach(token IN LISTS tokens)
    if(token MATCHES "^\"")
      string(REGEX REPLACE "[ -~\t\r\n]" "" wide "${token}")
      if(NOT wide STREQUAL "")
        list(APPEND texts "${wide}")
      endif()
    endif()
  endforeach()
endforeach()
list(REMOVE_DUPLICATES texts)
string(JOIN "" all ${texts})

# One UTF-8 sequence per character, as hex; hex order is code point order.
string(HEX "${all}" hex)
string(REGEX MATCHALL "[cd][0-9a-f][89ab][0-9a-f]|e[0-9a-f]([89ab][0-9a-f])([89ab][0-9a-f])|f[0-7]([89ab][0-9a-f])([89ab][0-9a-f])([89ab][0-9a-f])"
       chars "${hex}")
list(REMOVE_DUPLICATES chars)
list(SORT chars)

set(body "")
set(count 0)
foreach(c IN LISTS chars)
  string(LENGTH ${c} n)
  string(SUBSTRING ${c} 0 2 b0)
  string(SUBSTRING ${c} 2 2 b1)
  if(n EQUAL 4)
    math(EXPR cp "((0x${b0} & 0x1F) << 6) | (0x${b1} & 0x3F)" OUTPUT_FORMAT HEXADECIMAL)
  else()
    string(SUBSTRING ${c} 4 2 b2)
    if(n EQUAL 6)
      math(EXPR cp "((0x${b0} & 0x0F) << 12) | ((0x${b1} & 0x3F) << 6) | (0x${b2} & 0x3F)" OUTPUT_FORMAT HEXADECIMAL)
    else()
      string(SUBSTRING ${c} 6 2 b3)
      math(EXPR cp "((0x${b0} & 0x07) << 18) | ((0x${b1} & 0x3F) << 12) | ((0x${b2} & 0x3F) << 6) | (0x${b3} & 0x3F)"
           OUTPUT_FORMAT HEXADECIMAL)
    endif()
  endif()
  math(EXPR count "${count} + 1")
  math(EXPR column "${count} % 12")
  if(column EQUAL 0)
    string(APPEND body "${cp},\n")
  else()
    string(APPEND body "${cp}, ")
  endif()
endforeach()

set(content "// Generated from the string literals of app/ at build time (app/collect_glyphs.cmake). Do not edit.
#pragma once
#include <cstddef>

namespace app {

// Every non-ASCII code point of the app's string literals, ascending.
inline constexpr char32_t kUiGlyphs[] = {
${body}};
inline constexpr size_t kUiGlyphCount = ${count};

}  // namespace app
")
# Rewritten only when the set changes, so an edit elsewhere does not rebuild its users.
file(WRITE ${OUT}.tmp "${content}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
file(TOUCH ${STAMP})
