// SPDX-License-Identifier: GPL-3.0-or-later
#include "manifestcache.h"

#include <QFile>
#include <QHash>
#include <QMutex>
#include <QPluginLoader>

#include <optional>

#include <sys/stat.h>

namespace Smollama {

namespace {

// What identifies one version of a file. The change time moves with every write and rename
// onto the path, and cannot be set back by a program (unlike the modification time).
struct FileStamp
{
    quint64 device = 0;
    quint64 inode = 0;
    qint64 size = -1;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;

    bool operator==(const FileStamp &o) const
    {
        return device == o.device && inode == o.inode && size == o.size && mtimeNs == o.mtimeNs &&
               ctimeNs == o.ctimeNs;
    }
};

std::optional<FileStamp> stampOf(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        return std::nullopt;
    }
    FileStamp s;
    s.device = quint64(st.st_dev);
    s.inode = quint64(st.st_ino);
    s.size = qint64(st.st_size);
    s.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    s.ctimeNs = qint64(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
    return s;
}

struct Cached
{
    FileStamp stamp;
    ManifestCache::Entry entry;
};

struct State
{
    QMutex mutex;
    QHash<QString, Cached> entries;
    qint64 hits = 0;
    qint64 misses = 0;
};

State &state()
{
    static State s;
    return s;
}

} // namespace

ManifestCache::Entry ManifestCache::read(const QString &path)
{
    const std::optional<FileStamp> before = stampOf(path);
    State &s = state();
    if (before) {
        QMutexLocker lock(&s.mutex);
        const auto it = s.entries.constFind(path);
        if (it != s.entries.constEnd() && it->stamp == *before) {
            ++s.hits;
            return it->entry;
        }
    }
    Entry entry;
    {
        // metaData() reads the ELF section; it does not dlopen() the library.
        QPluginLoader reader(path);
        entry.metaData = reader.metaData();
    }
    entry.validation = ManifestValidator::validate(entry.metaData, path);
    QMutexLocker lock(&s.mutex);
    ++s.misses;
    // Remembered only when the file did not change while it was read.
    const std::optional<FileStamp> after = stampOf(path);
    if (before && after && *before == *after) {
        s.entries.insert(path, {*before, entry});
    } else {
        s.entries.remove(path);
    }
    return entry;
}

qint64 ManifestCache::hits()
{
    QMutexLocker lock(&state().mutex);
    return state().hits;
}

qint64 ManifestCache::misses()
{
    QMutexLocker lock(&state().mutex);
    return state().misses;
}

void ManifestCache::clear()
{
    QMutexLocker lock(&state().mutex);
    state().entries.clear();
}

} // namespace Smollama
