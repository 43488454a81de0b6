// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/smollama_export.h>

#include <QString>
#include <QStringList>

namespace Smollama {

/*!
    The state folder and every file smollama keeps in it, for every program (smollama,
    smollama-cli, the plugin host): one rule, so a node, its CLI and the service agree.

    The state folder is the first of:
    1. $SMOLLAMA_STATE_DIR: an explicit choice (tests, or an administrator working on the
       service's folder: `sudo -u smollama env SMOLLAMA_STATE_DIR=/var/lib/smollama ...`);
    2. $STATE_DIRECTORY: set by systemd for a unit with StateDirectory=smollama, that is the
       service (/var/lib/smollama, the FHS place for a daemon's state). With several folders
       (colon-separated) the first;
    3. ~/.smollama: a desktop user.
    The uid is never used to guess: the service is recognised by what systemd tells it.

    Inside it: config.yaml, readings.db, api-token, http.json, smollama.lock, plugins/ and
    state/ (the crash notes). docs/install.md lists them.
*/
class SMOLLAMA_EXPORT StatePaths
{
public:
    enum class Origin {
        Explicit, //!< $SMOLLAMA_STATE_DIR
        Service,  //!< $STATE_DIRECTORY (systemd's StateDirectory=)
        Home,     //!< ~/.smollama
    };

    /*! The state folder (absolute, without a trailing slash). It may not exist yet: whoever
        writes into it creates it. */
    static QString stateDir();
    /*! Where stateDir() came from. */
    static Origin origin();

    /*! /var/lib/smollama: the service's state folder, where smollama-cli also looks for a
        running service (its http.json and api-token). */
    static QString systemStateDir();
    /*! /etc/smollama/config.yaml: the configuration the Debian package installs. */
    static QString systemConfigFile();

    /*! <state>/config.yaml. */
    static QString configFile();
    /*! Where a configuration is searched when none is given, in order: ./config.yaml,
        configFile(), systemConfigFile(). */
    static QStringList configSearchPath();
    /*! <state>/readings.db: the readings history. */
    static QString historyDatabase();
    /*! <state>/api-token: the HTTP API's bearer token. */
    static QString apiTokenFile();
    /*! <state>/http.json: where the running node serves its HTTP API. */
    static QString instanceFile();
    /*! <state>/smollama.lock: one process owns the hardware. */
    static QString lockFile();
    /*! <state>/plugins: where `smollama-cli plugin install` puts plugins and the node looks for
        them. */
    static QString pluginsDir();
    /*! <state>/state: the crash notes (sentinel.json, blocked.json, starts.json). */
    static QString crashNotesDir();

    /*! The state folders in which a running node may have left its http.json and api-token:
        stateDir(), then systemStateDir() when that is another folder. */
    static QStringList instanceStateDirs();
    /*! <\a stateDir>/http.json: instanceFile() of the node whose state folder is \a stateDir
        (one of instanceStateDirs()). */
    static QString instanceFileIn(const QString &stateDir);
    /*! <\a stateDir>/api-token: apiTokenFile() of the node whose state folder is \a stateDir. */
    static QString apiTokenFileIn(const QString &stateDir);

    /*! The mode of secret files (the API token): 0640 for the service, so members of the
        group smollama can read it (docs/install.md), 0600 otherwise. */
    static int secretFileMode();

    /*! Smollama::expandHome(\a path) (smollama/homepath.h: the one rule for "~"). */
    static QString expandHome(const QString &path);
    /*! expandHome(\a path), then made absolute against \a baseDir (the current folder when
        empty) and cleaned. */
    static QString resolve(const QString &path, const QString &baseDir = QString());
};

} // namespace Smollama
