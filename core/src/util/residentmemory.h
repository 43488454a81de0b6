// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QtGlobal>

namespace Smollama {

/*!
    The resident memory of this process, and a way to give back what only its start needed.

    Most of a node's resident set is not its own data but pages of the shared libraries it maps
    (Qt, ICU, SQLite, libstdc++): their symbol and relocation tables, read once by the dynamic
    linker at start (Qt's libraries are linked with BIND_NOW), and code that ran only while
    starting. The kernel also maps the neighbours of every page touched (fault-around).
    dropCleanLibraryPages() unmaps those pages from this process; they stay in the page cache
    (shared with every other process that uses the libraries), and the few still used come back
    with a minor fault. Only read-only file mappings without a private copy of any page are
    touched, so nothing the process wrote or relocated can be lost.
*/
class SMOLLAMA_EXPORT ResidentMemory
{
public:
    /*! VmRSS of this process in bytes (0 when /proc is not there). */
    static qint64 residentBytes();

    /*! Unmaps the resident pages of read-only, unmodified file mappings (libraries, locale
        data) and returns freed heap memory to the system (malloc_trim). Returns how many bytes
        the resident set shrank by. */
    static qint64 dropCleanLibraryPages();
};

} // namespace Smollama
