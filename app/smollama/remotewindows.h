// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QCommandLineParser;

namespace Smollama {

class Config;
class RemoteNode;

/*! A node to follow over its HTTP API, and the file with its token (may be empty). */
struct RemoteTarget
{
    QString url;
    QString tokenFile;
    QString origin; //!< "--connect" or "dashboard.remotes", for messages
};

/*!
    The windows of the nodes smollama follows over their HTTP API (--connect and
    dashboard.remotes): one RemoteNode and one dashboard window each.
*/
class RemoteWindows
{
public:
    RemoteWindows();
    ~RemoteWindows();

    /*! The --connect URLs with their --token-file: the i-th file goes with the i-th URL, a
        single file with all of them. */
    static QList<RemoteTarget> fromArguments(const QStringList &urls,
                                             const QStringList &tokenFiles);
    /*! dashboard.remotes; a token_file starting with ~/ is in the home folder, a relative one
        next to the configuration file. */
    static QList<RemoteTarget> fromConfig(const Config &config);

    /*! Starts following each target (no window yet). False, with the reason logged, at the
        first address or token file that is not usable. */
    bool follow(const QList<RemoteTarget> &targets);
    /*! The nodes followed, in order (owned here). */
    QList<RemoteNode *> nodes() const;
    /*! Shows a window for each node followed; every window's agent page can ask every one of
        them. \a firstIsPrimary: the first window takes the test options (--screenshot …);
        false beside the node's own window, which takes them. False, with the reason logged,
        when a window cannot be shown. */
    bool showWindows(const Config &config, const QCommandLineParser &parser, bool firstIsPrimary);
    /*! follow() and showWindows(). */
    bool open(const QList<RemoteTarget> &targets, const Config &config,
              const QCommandLineParser &parser);
    bool isEmpty() const { return m_windows.empty(); }
    /*! Closes the windows, then forgets the nodes (the models go first). */
    void close();

private:
    std::vector<std::unique_ptr<RemoteNode>> m_nodes;
    std::vector<std::unique_ptr<QObject>> m_windows;
};

} // namespace Smollama
