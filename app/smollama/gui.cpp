// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui.h"

#include "dashboardinterface.h"
#include "dashboardsources.h"
#include "remote/remotenode.h"
#include "runtime/noderuntime.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QPluginLoader>

#include <cstring>
#include <unistd.h>

namespace Smollama::Gui {

namespace {

// The dashboard library's root object, owned by its QPluginLoader; the library is never
// unloaded (the window's code runs until the process ends).
DashboardInterface *s_dashboard = nullptr;

bool hasArgument(int argc, char **argv, const char *name)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0) {
            return true;
        }
    }
    return false;
}

QCommandLineOption hidden(QCommandLineOption o)
{
    o.setFlags(QCommandLineOption::HiddenFromHelp);
    return o;
}

// The value of "-platform NAME" ("--platform NAME", "-platform=NAME"); empty when not given.
QString argumentValue(int argc, char **argv, const char *name)
{
    const std::size_t length = std::strlen(name);
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0 && i + 1 < argc) {
            return QString::fromLocal8Bit(argv[i + 1]);
        }
        if (std::strncmp(argv[i], name, length) == 0 && argv[i][length] == '=') {
            return QString::fromLocal8Bit(argv[i] + length + 1);
        }
    }
    return {};
}

bool canOpen(const QString &device)
{
    return ::access(QFile::encodeName(device).constData(), R_OK | W_OK) == 0;
}

// Why Qt's platform plugin NAME ("eglfs", "xcb", "wayland", "eglfs:/dev/dri/card1" …) cannot
// show a window here; empty when it can, or when this cannot be known beforehand. Qt aborts the
// process when its platform fails to start, so this is asked before the application exists:
// the node then runs headless and says why, instead of stopping sensors and API with it.
QString platformProblem(const QString &platform)
{
    const QString name = platform.section(QLatin1Char(':'), 0, 0).trimmed();
    if (name == QLatin1String("eglfs")) {
        const QStringList cards =
            QDir(QStringLiteral("/dev/dri")).entryList({QStringLiteral("card*")}, QDir::System);
        for (const QString &card : cards) {
            if (canOpen(QStringLiteral("/dev/dri/") + card)) {
                return {};
            }
        }
        return cards.isEmpty()
                   ? QStringLiteral("eglfs needs a DRM device and there is no /dev/dri/card*")
                   : QStringLiteral("eglfs cannot open /dev/dri/%1 (add the user to the group "
                                    "video)")
                         .arg(cards.first());
    }
    if (name == QLatin1String("linuxfb")) {
        return canOpen(QStringLiteral("/dev/fb0"))
                   ? QString()
                   : QStringLiteral("linuxfb cannot open /dev/fb0 (add the user to the group "
                                    "video)");
    }
    if (name == QLatin1String("xcb") || (name.isEmpty() && qEnvironmentVariableIsSet("DISPLAY") &&
                                         !qEnvironmentVariableIsSet("WAYLAND_DISPLAY"))) {
        const QString display = qEnvironmentVariable("DISPLAY");
        if (display.isEmpty()) {
            return QStringLiteral("xcb needs DISPLAY");
        }
        // Local displays (":0", "unix:0.0") have a socket; remote ones (SSH's localhost:10)
        // cannot be checked here.
        if (display.startsWith(QLatin1Char(':')) || display.startsWith(QLatin1String("unix:"))) {
            const QString number =
                display.section(QLatin1Char(':'), 1).section(QLatin1Char('.'), 0, 0);
            if (!QFileInfo::exists(QStringLiteral("/tmp/.X11-unix/X") + number)) {
                return QStringLiteral("no X server answers DISPLAY=%1 (/tmp/.X11-unix/X%2 is "
                                      "missing)")
                    .arg(display, number);
            }
        }
        return {};
    }
    if (name.startsWith(QLatin1String("wayland")) ||
        (name.isEmpty() && qEnvironmentVariableIsSet("WAYLAND_DISPLAY"))) {
        QString socket = qEnvironmentVariable("WAYLAND_DISPLAY", QStringLiteral("wayland-0"));
        if (!socket.startsWith(QLatin1Char('/'))) {
            socket = qEnvironmentVariable("XDG_RUNTIME_DIR") + QLatin1Char('/') + socket;
        }
        return QFileInfo::exists(socket)
                   ? QString()
                   : QStringLiteral("no Wayland compositor at %1").arg(socket);
    }
    return {}; // offscreen, minimal, vnc …: nothing to check
}

// The first usable platform of a list such as QT_QPA_PLATFORM="wayland;xcb", or why none is.
QString platformsProblem(const QString &platforms)
{
    QString problem;
    for (const QString &platform : platforms.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        problem = platformProblem(platform);
        if (problem.isEmpty()) {
            return {};
        }
    }
    return platforms.isEmpty() ? platformProblem(QString()) : problem;
}

const QCommandLineOption &kioskOption()
{
    static const QCommandLineOption o(
        QStringLiteral("kiosk"),
        QCoreApplication::translate("smollama", "Show the dashboard full screen without window "
                                                "decorations (touchscreens)."));
    return o;
}

const QCommandLineOption &hideCursorOption()
{
    static const QCommandLineOption o(
        QStringLiteral("hide-cursor"),
        QCoreApplication::translate("smollama", "Hide the mouse cursor (touchscreens)."));
    return o;
}

const QCommandLineOption &themeOption()
{
    static const QCommandLineOption o(
        QStringLiteral("theme"),
        QCoreApplication::translate("smollama", "The dashboard's THEME: light, dark or auto "
                                                "(the desktop's choice; default: "
                                                "dashboard.theme)."),
        QStringLiteral("THEME"));
    return o;
}

const QCommandLineOption &keyboardOption()
{
    static const QCommandLineOption o(
        QStringLiteral("keyboard"),
        QCoreApplication::translate("smollama", "Show the on-screen keyboard also outside "
                                                "--kiosk."));
    return o;
}

// Test and documentation aids: grab the window into FILE after MS (from the first frame) and
// quit; show PAGE first; print frame statistics for MS and quit.
const QCommandLineOption &screenshotOption()
{
    static const QCommandLineOption o =
        hidden(QCommandLineOption(QStringLiteral("screenshot"), QString(), QStringLiteral("FILE")));
    return o;
}

const QCommandLineOption &screenshotAfterOption()
{
    static const QCommandLineOption o =
        hidden(QCommandLineOption(QStringLiteral("screenshot-after"), QString(),
                                  QStringLiteral("MS"), QStringLiteral("3000")));
    return o;
}

const QCommandLineOption &pageOption()
{
    static const QCommandLineOption o =
        hidden(QCommandLineOption(QStringLiteral("page"), QString(), QStringLiteral("PAGE")));
    return o;
}

const QCommandLineOption &frameStatsOption()
{
    static const QCommandLineOption o =
        hidden(QCommandLineOption(QStringLiteral("frame-stats"), QString(), QStringLiteral("MS")));
    return o;
}

// libsmollama-gui.so sits in <libdir>/smollama/, found from the program's own folder (the
// application object, which knows it, does not exist yet).
QString libraryPath()
{
    const QString exe = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath();
    return QDir::cleanPath(QFileInfo(exe).absolutePath() +
                           QStringLiteral("/" SMOLLAMA_BIN_TO_LIB "/smollama/libsmollama-gui.so"));
}

} // namespace

bool wanted(int argc, char **argv, QString *notice)
{
    if (hasArgument(argc, argv, "--headless")) {
        return false;
    }
    // --help and --version print and exit; they need no display.
    if (hasArgument(argc, argv, "--help") || hasArgument(argc, argv, "-h") ||
        hasArgument(argc, argv, "--version") || hasArgument(argc, argv, "-v")) {
        return false;
    }
    QString platform = argumentValue(argc, argv, "-platform");
    if (platform.isEmpty()) {
        platform = argumentValue(argc, argv, "--platform");
    }
    if (platform.isEmpty()) {
        platform = qEnvironmentVariable("QT_QPA_PLATFORM");
    }
    const bool display = !platform.isEmpty() || !qEnvironmentVariableIsEmpty("DISPLAY") ||
                         !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    const bool kiosk = hasArgument(argc, argv, "--kiosk");
    if (!display && !kiosk) {
        return false; // a service, an SSH session: headless without a word
    }
    if (!display) {
        // Without a display server the kiosk draws with eglfs, straight on the screen.
        platform = QStringLiteral("eglfs");
        qputenv("QT_QPA_PLATFORM", "eglfs");
    }
    const QString problem = platformsProblem(platform);
    if (!problem.isEmpty()) {
        *notice = QStringLiteral("%1%2: running headless; see docs/kiosk.md")
                      .arg(kiosk && !display ? QStringLiteral("--kiosk: no display found, and ")
                                             : QString(),
                           problem);
        return false;
    }
    return true;
}

std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv, QString *error)
{
    const QString path = libraryPath();
    // Never unloaded: the window's code runs until the process ends.
    auto *loader = new QPluginLoader(path);
    QString problem;
    const QString iid = loader->metaData().value(QLatin1String("IID")).toString();
    if (!QFileInfo::exists(path)) {
        problem = QCoreApplication::translate("smollama", "no such file");
    } else if (iid != QLatin1String(SMOLLAMA_DASHBOARD_IID)) {
        // Checked before any of its code runs: a library from another smollama version.
        problem = iid.isEmpty() ? loader->errorString()
                                : QCoreApplication::translate(
                                      "smollama", "it is built for %1, this smollama needs %2")
                                      .arg(iid, QLatin1String(SMOLLAMA_DASHBOARD_IID));
    } else if (auto *dashboard = qobject_cast<DashboardInterface *>(loader->instance())) {
        s_dashboard = dashboard;
        return std::unique_ptr<QCoreApplication>(dashboard->createApplication(&argc, argv));
    } else {
        problem = loader->errorString();
    }
    *error = QCoreApplication::translate(
                 "smollama", "the dashboard library %1 could not be loaded (%2); reinstall "
                             "smollama, or build it with SMOLLAMA_WITH_GUI=ON")
                 .arg(path, problem);
    loader->unload();
    delete loader;
    return nullptr;
}

void addOptions(QCommandLineParser &parser)
{
    parser.addOptions({kioskOption(), hideCursorOption(), themeOption(), keyboardOption(),
                       screenshotOption(), screenshotAfterOption(), pageOption(),
                       frameStatsOption()});
}

namespace {

// The hidden test aids (--screenshot, --page, --frame-stats) go to the primary window only:
// with several windows one picture is taken, of a known window.
std::unique_ptr<QObject> startWith(const DashboardSources &sources,
                                   const QCommandLineParser &parser, bool primary, QString *error)
{
    if (!s_dashboard) {
        *error = QCoreApplication::translate("smollama", "the dashboard library is not loaded");
        return nullptr;
    }
    GuiOptions options;
    options.kiosk = parser.isSet(kioskOption());
    options.hideCursor = parser.isSet(hideCursorOption());
    options.keyboard = parser.isSet(keyboardOption());
    options.theme = parser.value(themeOption());
    options.screenshot = primary ? parser.value(screenshotOption()) : QString();
    bool ok = false;
    const int after = parser.value(screenshotAfterOption()).toInt(&ok);
    options.screenshotAfterMs = ok ? after : 3000;
    options.page = primary ? parser.value(pageOption()) : QString();
    if (primary && parser.isSet(frameStatsOption())) {
        const int ms = parser.value(frameStatsOption()).toInt(&ok);
        options.frameStatsMs = ok ? ms : 0;
    }

    return std::unique_ptr<QObject>(s_dashboard->start(sources, options, error));
}

QString themeOf(const Config &config)
{
    return config.section(QStringLiteral("dashboard")).value(QStringLiteral("theme")).toString();
}

} // namespace

std::unique_ptr<QObject> start(NodeRuntime *runtime, const QList<RemoteNode *> &peers,
                               const QCommandLineParser &parser, QString *error)
{
    DashboardSources sources;
    static_cast<NodeServices &>(sources) = runtime->services();
    sources.theme = themeOf(runtime->config());
    sources.peers = peers;
    return startWith(sources, parser, true, error);
}

std::unique_ptr<QObject> startRemote(RemoteNode *remote, const QList<RemoteNode *> &peers,
                                     const Config &config, const QCommandLineParser &parser,
                                     bool primary, QString *error)
{
    DashboardSources sources;
    static_cast<NodeServices &>(sources) = remote->services();
    sources.theme = themeOf(config);
    sources.remote = remote;
    sources.peers = peers;
    return startWith(sources, parser, primary, error);
}

} // namespace Smollama::Gui
