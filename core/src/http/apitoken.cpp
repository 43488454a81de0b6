// SPDX-License-Identifier: GPL-3.0-or-later
#include "apitoken.h"

#include "util/statepaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Smollama {

QByteArray ApiToken::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.read(4096).trimmed();
}

QByteArray ApiToken::loadOrCreate(const QString &path, QString *error, bool *created)
{
    if (created) {
        *created = false;
    }
    const QByteArray encoded = QFile::encodeName(path);
    // The service shares the token with the group smollama (docs/install.md); nobody else.
    const auto mode = mode_t(StatePaths::secretFileMode());
    struct stat st = {};
    if (::stat(encoded.constData(), &st) == 0) {
        if ((st.st_mode & 077) != (mode & 077)) {
            // Another user could read the secret (narrow it rather than refuse to start), or
            // the service's group could not (widen it to the group only).
            ::chmod(encoded.constData(), mode);
        }
        const QByteArray token = read(path);
        if (token.size() >= 16) {
            return token;
        }
        if (error) {
            *error = QStringLiteral("the API token file %1 is empty or too short; delete it and "
                                    "restart smollama to create a new one")
                         .arg(path);
        }
        return {};
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    // O_EXCL and the mode from the start: the secret is never readable by others, and two
    // processes starting at once cannot both create it. fchmod: the umask must not narrow the
    // group's read right the service grants.
    const int fd = ::open(encoded.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        if (errno == EEXIST) {
            // Created by another process a moment ago: take it only when it is complete.
            return loadOrCreate(path, error, created);
        }
        if (error) {
            *error = QStringLiteral("cannot create the API token file %1: %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        }
        return {};
    }
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray token =
        QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex();
    const QByteArray line = token + '\n';
    ::fchmod(fd, mode);
    const ssize_t written = ::write(fd, line.constData(), size_t(line.size()));
    ::close(fd);
    if (written != line.size()) {
        ::unlink(encoded.constData());
        if (error) {
            *error = QStringLiteral("cannot write the API token file %1").arg(path);
        }
        return {};
    }
    if (created) {
        *created = true;
    }
    return token;
}

bool ApiToken::equals(const QByteArray &a, const QByteArray &b)
{
    // Length is not secret (the tokens have a fixed size); the bytes are compared in full.
    if (a.size() != b.size() || a.isEmpty()) {
        return false;
    }
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    }
    return diff == 0;
}

} // namespace Smollama
