// SPDX-License-Identifier: GPL-3.0-or-later
#include "residentmemory.h"

#include <QByteArray>
#include <QFile>
#include <QList>

#include <malloc.h>
#include <sys/mman.h>

namespace Smollama {

namespace {

struct Mapping
{
    quintptr start = 0;
    quintptr end = 0;
    bool candidate = false; // read-only, private, backed by an existing file
    qint64 rssKb = 0;
    qint64 anonymousKb = 0;
};

qint64 fieldKb(const QByteArray &line)
{
    // "Anonymous:             4 kB"
    const qsizetype colon = line.indexOf(':');
    return line.mid(colon + 1).trimmed().split(' ').value(0).toLongLong();
}

QList<Mapping> readMappings()
{
    QList<Mapping> out;
    QFile smaps(QStringLiteral("/proc/self/smaps"));
    if (!smaps.open(QIODevice::ReadOnly)) {
        return out;
    }
    const QList<QByteArray> lines = smaps.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty()) {
            continue;
        }
        const char first = line.at(0);
        const bool isHeader = (first >= '0' && first <= '9') || (first >= 'a' && first <= 'f');
        if (isHeader && line.contains('-') && line.indexOf('-') < line.indexOf(' ')) {
            // "7f..-7f.. r--p 00000000 08:01 1234   /usr/lib/.../libQt6Core.so.6.4.2"
            const QList<QByteArray> parts = line.simplified().split(' ');
            Mapping m;
            const QList<QByteArray> range = parts.value(0).split('-');
            m.start = quintptr(range.value(0).toULongLong(nullptr, 16));
            m.end = quintptr(range.value(1).toULongLong(nullptr, 16));
            const QByteArray perms = parts.value(1);
            const QByteArray path = parts.value(5);
            m.candidate = perms.size() == 4 && perms.at(1) == '-' && perms.at(3) == 'p' &&
                          path.startsWith('/') && parts.size() == 6; // not "(deleted)"
            out.append(m);
        } else if (!out.isEmpty() && line.startsWith("Rss:")) {
            out.last().rssKb = fieldKb(line);
        } else if (!out.isEmpty() && line.startsWith("Anonymous:")) {
            out.last().anonymousKb = fieldKb(line);
        }
    }
    return out;
}

} // namespace

qint64 ResidentMemory::residentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:")) {
            return fieldKb(line) * 1024;
        }
    }
    return 0;
}

qint64 ResidentMemory::dropCleanLibraryPages()
{
    const qint64 before = residentBytes();
    const QList<Mapping> mappings = readMappings();
    for (const Mapping &m : mappings) {
        // A mapping with an anonymous page holds a private copy (relocated data made read-only
        // after relocation, RELRO): dropping it would lose what was written. Never touch it.
        if (!m.candidate || m.rssKb == 0 || m.anonymousKb != 0 || m.end <= m.start) {
            continue;
        }
        ::madvise(reinterpret_cast<void *>(m.start), m.end - m.start, MADV_DONTNEED);
    }
    ::malloc_trim(0);
    return before - residentBytes();
}

} // namespace Smollama
