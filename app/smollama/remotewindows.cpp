// SPDX-License-Identifier: GPL-3.0-or-later
#include "remotewindows.h"

#include "config/config.h"
#include "gui.h"
#include "remote/remotenode.h"
#include "util/statepaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrl>

Q_LOGGING_CATEGORY(lcConnect, "smollama.connect")

namespace Smollama {

RemoteWindows::RemoteWindows() = default;

RemoteWindows::~RemoteWindows()
{
    close();
}

QList<RemoteTarget> RemoteWindows::fromArguments(const QStringList &urls,
                                                 const QStringList &tokenFiles)
{
    QList<RemoteTarget> out;
    for (int i = 0; i < urls.size(); ++i) {
        out.append({urls.at(i),
                    tokenFiles.isEmpty() ? QString()
                                         : tokenFiles.at(std::min(i, int(tokenFiles.size()) - 1)),
                    QStringLiteral("--connect")});
    }
    return out;
}

QList<RemoteTarget> RemoteWindows::fromConfig(const Config &config)
{
    QList<RemoteTarget> out;
    const QJsonArray remotes =
        config.section(QStringLiteral("dashboard")).value(QStringLiteral("remotes")).toArray();
    const QDir configDir = QFileInfo(config.filePath()).absoluteDir();
    for (const QJsonValue &v : remotes) {
        const QJsonObject remote = v.toObject();
        QString tokenFile = remote.value(QStringLiteral("token_file")).toString();
        if (!tokenFile.isEmpty()) {
            tokenFile = StatePaths::resolve(tokenFile, configDir.absolutePath());
        }
        out.append({remote.value(QStringLiteral("url")).toString(), tokenFile,
                    QStringLiteral("dashboard.remotes")});
    }
    return out;
}

bool RemoteWindows::open(const QList<RemoteTarget> &targets, const Config &config,
                         const QCommandLineParser &parser)
{
    return follow(targets) && showWindows(config, parser, true);
}

QList<RemoteNode *> RemoteWindows::nodes() const
{
    QList<RemoteNode *> out;
    for (const auto &node : m_nodes) {
        out.append(node.get());
    }
    return out;
}

bool RemoteWindows::follow(const QList<RemoteTarget> &targets)
{
    for (const RemoteTarget &target : targets) {
        const QUrl url = QUrl::fromUserInput(target.url);
        if (!url.isValid() || url.scheme() != QLatin1String("http") || url.host().isEmpty()) {
            qCCritical(lcConnect, "%s",
                       qPrintable(QCoreApplication::translate(
                                      "smollama", "%1 %2: not an address like http://pi:8080")
                                      .arg(target.origin, target.url)));
            return false;
        }
        QByteArray token;
        if (!target.tokenFile.isEmpty()) {
            QFile file(target.tokenFile);
            if (!file.open(QIODevice::ReadOnly)) {
                qCCritical(
                    lcConnect, "%s",
                    qPrintable(QCoreApplication::translate("smollama",
                                                           "token file %1 for %2: %3 (copy the "
                                                           "node's api-token there; see "
                                                           "docs/http-api.md)")
                                   .arg(target.tokenFile, url.toString(), file.errorString())));
                return false;
            }
            token = file.readAll().trimmed();
        }
        auto node = std::make_unique<RemoteNode>(url, token);
        node->start();
        m_nodes.push_back(std::move(node));
    }
    return true;
}

bool RemoteWindows::showWindows(const Config &config, const QCommandLineParser &parser,
                                bool firstIsPrimary)
{
    const QList<RemoteNode *> peers = nodes();
    for (std::size_t i = m_windows.size(); i < m_nodes.size(); ++i) {
        RemoteNode *node = m_nodes.at(i).get();
        QString error;
        std::unique_ptr<QObject> window =
            Gui::startRemote(node, peers, config, parser, firstIsPrimary && i == 0, &error);
        if (!window) {
            qCCritical(lcConnect, "%s",
                       qPrintable(QCoreApplication::translate(
                                      "smollama", "The dashboard could not be shown: %1")
                                      .arg(error)));
            return false;
        }
        qCInfo(lcConnect, "%s",
               qPrintable(QCoreApplication::translate(
                              "smollama", "Following %1 over its HTTP API (no plugins, no lock "
                                          "here); close the window to stop")
                              .arg(node->baseUrl().toString())));
        m_windows.push_back(std::move(window));
    }
    return true;
}

void RemoteWindows::close()
{
    m_windows.clear();
    m_nodes.clear();
}

} // namespace Smollama
