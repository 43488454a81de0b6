// SPDX-License-Identifier: GPL-3.0-or-later
#include "instancefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cerrno>
#include <csignal>

namespace Smollama {

QUrl InstanceFile::Info::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    // A server on every interface is reached on loopback from this machine.
    const QHostAddress address(host);
    if (address == QHostAddress::AnyIPv4 || address == QHostAddress::Any) {
        url.setHost(QStringLiteral("127.0.0.1"));
    } else if (address == QHostAddress::AnyIPv6) {
        url.setHost(QStringLiteral("::1"));
    } else {
        url.setHost(host);
    }
    url.setPort(port);
    return url;
}

bool InstanceFile::write(const QString &path, const Info &info, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    const QJsonObject object{{QStringLiteral("pid"), info.pid},
                             {QStringLiteral("host"), info.host},
                             {QStringLiteral("port"), int(info.port)},
                             {QStringLiteral("url"), info.url().toString()}};
    file.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    return true;
}

InstanceFile::Info InstanceFile::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QJsonObject object = QJsonDocument::fromJson(file.read(64 * 1024)).object();
    Info info;
    info.pid = qint64(object.value(QStringLiteral("pid")).toDouble());
    info.host = object.value(QStringLiteral("host")).toString();
    const int port = object.value(QStringLiteral("port")).toInt();
    info.port = port > 0 && port <= 65535 ? quint16(port) : 0;
    // A file left by a process that died is ignored.
    if (info.pid <= 0 || (::kill(pid_t(info.pid), 0) != 0 && errno == ESRCH)) {
        return {};
    }
    return info;
}

void InstanceFile::remove(const QString &path, qint64 pid)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return;
    }
    const QJsonObject object = QJsonDocument::fromJson(file.read(64 * 1024)).object();
    file.close();
    if (qint64(object.value(QStringLiteral("pid")).toDouble()) == pid) {
        QFile::remove(path);
    }
}

} // namespace Smollama
