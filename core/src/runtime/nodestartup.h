// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/config.h"

#include <QLoggingCategory>
#include <QString>

#include <optional>

class QCoreApplication;

namespace Smollama {

class NodeRuntime;
class UnixSignalWatcher;

/*! "smollama.main": what the smollama program logs about its start and stop. */
Q_DECLARE_LOGGING_CATEGORY(lcMain)

/*!
    The start and the stop of the smollama program around its NodeRuntime, as the log tells
    them: the configuration and its diagnostics, each plugin's status once every setup() has
    answered, the stop request, the end. The program (app/smollama/main.cpp) only parses its
    arguments and calls these, in this order.
*/
class NodeStartup
{
public:
    /*! Warns when \a language was asked for and has no translation (\a translated: whether
        installTranslations() installed one). */
    static void reportLanguage(const QString &language, bool translated);

    /*! Finds (\a file: -c FILE, may be empty) and loads the configuration, logs its
        diagnostics and applies its log.level unless \a verbose. Nothing when it has errors
        (after saying how to list them): the program exits with 2. */
    static std::optional<Config> loadConfig(const QString &file, bool verbose);

    /*! SIGTERM and SIGINT quit \a app, logged; past a time limit the process ends anyway,
        however a plugin misbehaves. */
    static void quitOnTermination(UnixSignalWatcher &watcher, QCoreApplication &app);

    /*! Reports \a runtime's plugins once every setup() has answered (now when they have):
        each status, then how many run and how to stop (\a showing: in a dashboard window). */
    NodeStartup(NodeRuntime &runtime, bool showing);

    /*! A node without a window gives back the pages only the start needed, after the first
        reads (docs/headless.md#memory); not with SMOLLAMA_KEEP_STARTUP_PAGES. */
    void trimStartupPages();

    /*! After the event loop: reports the plugins when a setup() was still running, stops the
        runtime, says so. Returns \a rc; ends the process at once when a plugin thread is
        stuck in plugin code (static destructors could hang on it). */
    int stop(int rc);

private:
    void reportOnce();

    NodeRuntime &m_runtime;
    bool m_showing = false;
    bool m_reported = false;
};

} // namespace Smollama
