// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QString>
#include <QUrl>

namespace Smollama {

/*!
    StatePaths::instanceFile() (~/.smollama/http.json, /var/lib/smollama/http.json for the
    service): where the running smollama serves its HTTP API. The instance writes
    it once it listens (so a port chosen with http.port: 0 is known) and removes it when it
    stops; the CLI reads it before trying the configured address.
*/
class SMOLLAMA_EXPORT InstanceFile
{
public:
    struct Info
    {
        qint64 pid = 0;
        QString host;
        quint16 port = 0;
        QUrl url() const;
        bool isValid() const { return port != 0 && !host.isEmpty(); }
    };

    /*! Writes \a info atomically; returns false (with \a error) when it cannot. */
    static bool write(const QString &path, const Info &info, QString *error);
    /*! The file's content; invalid when missing, unreadable or written by a process that is
        gone. */
    static Info read(const QString &path);
    /*! Removes the file when it names \a pid. */
    static void remove(const QString &path, qint64 pid);
};

} // namespace Smollama
