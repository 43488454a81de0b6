// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QByteArray>
#include <QString>

namespace Smollama {

/*!
    The bearer token of the HTTP API: a random secret in ~/.smollama/api-token (mode 0600),
    created on the first start of smollama. The CLI reads the same file to act on the running
    instance.
*/
class SMOLLAMA_EXPORT ApiToken
{
public:
    /*! ~/.smollama/api-token. */
    static QString defaultPath();
    /*! Reads the token at \a path, creating it (0600) when missing; a file readable by others
        is narrowed to 0600. Returns an empty token and sets \a error when neither works. */
    static QByteArray loadOrCreate(const QString &path, QString *error, bool *created = nullptr);
    /*! Reads the token at \a path; empty when the file is missing or unreadable. */
    static QByteArray read(const QString &path);
    /*! Compares in time independent of where the two differ. */
    static bool equals(const QByteArray &a, const QByteArray &b);
};

} // namespace Smollama
