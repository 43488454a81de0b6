// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QByteArray>
#include <QString>

namespace Smollama {

/*!
    The bearer token of the HTTP API: a random secret in StatePaths::apiTokenFile()
    (~/.smollama/api-token, mode 0600; /var/lib/smollama/api-token, mode 0640 for the service),
    created on the first start of smollama. The CLI reads the same file to act on the running
    instance.
*/
class SMOLLAMA_EXPORT ApiToken
{
public:
    /*! Reads the token at \a path, creating it when missing with StatePaths::secretFileMode()
        (0600, or 0640 for the service); a file more open than that is narrowed to it. Returns
        an empty token and sets \a error when neither works. */
    static QByteArray loadOrCreate(const QString &path, QString *error, bool *created = nullptr);
    /*! Reads the token at \a path; empty when the file is missing or unreadable. */
    static QByteArray read(const QString &path);
    /*! Compares in time independent of where the two differ. */
    static bool equals(const QByteArray &a, const QByteArray &b);
};

} // namespace Smollama
