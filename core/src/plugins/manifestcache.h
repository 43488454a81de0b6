// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "manifestvalidator.h"

#include <smollama/smollama_export.h>

#include <QJsonObject>
#include <QString>

namespace Smollama {

/*!
    What discovery learns from a plugin library without loading it, remembered for this process:
    the metadata QPluginLoader::metaData() reads from the ELF file and what ManifestValidator
    says of it. An entry is used only while the file is the same: same path, inode, size,
    modification and change time (to the nanosecond); a library replaced, rewritten or touched
    is read and validated again. Thread-safe.
*/
class SMOLLAMA_EXPORT ManifestCache
{
public:
    struct Entry
    {
        QJsonObject metaData;
        ManifestValidator::Result validation;
    };

    /*! The metadata and its validation for the library at \a path, from the cache when the
        file has not changed since it was read. */
    static Entry read(const QString &path);

    /*! How many read()s the cache answered, and how many read the file (for tests and
        benchmarks). */
    static qint64 hits();
    static qint64 misses();
    /*! Forgets every entry. */
    static void clear();
};

} // namespace Smollama
