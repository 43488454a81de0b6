// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui.h"

#include "dashboardsources.h"
#include "guiabi.h"
#include "runtime/noderuntime.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>

#include <cstring>

namespace Smollama::Gui {

namespace {

QLibrary *s_library = nullptr;

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
        QCoreApplication::translate("smollama", "The dashboard's THEME: light or dark "
                                                "(default: dashboard.theme, else dark)."),
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
    const bool display = !qEnvironmentVariableIsEmpty("DISPLAY") ||
                         !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
                         !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    if (hasArgument(argc, argv, "-platform") || hasArgument(argc, argv, "--platform")) {
        return true;
    }
    if (hasArgument(argc, argv, "--kiosk")) {
        // Without a display server the kiosk draws with eglfs, which needs a DRM device.
        if (!display && QDir(QStringLiteral("/dev/dri"))
                            .entryList({QStringLiteral("card*")}, QDir::System)
                            .isEmpty()) {
            *notice = QStringLiteral(
                "--kiosk: no display found (no DISPLAY or WAYLAND_DISPLAY, and no /dev/dri/card* "
                "for eglfs): running headless; see docs/kiosk.md");
            return false;
        }
        return true;
    }
    // --help and --version print and exit; they need no display.
    if (hasArgument(argc, argv, "--help") || hasArgument(argc, argv, "-h") ||
        hasArgument(argc, argv, "--version") || hasArgument(argc, argv, "-v")) {
        return false;
    }
    return display;
}

std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv, QString *error)
{
    // Never unloaded: the window's code runs until the process ends.
    s_library = new QLibrary(libraryPath());
    const auto create =
        reinterpret_cast<CreateApplicationFunction>(s_library->resolve(s_createApplicationSymbol));
    if (!create || !s_library->resolve(s_startSymbol)) {
        *error = QCoreApplication::translate(
                     "smollama", "the dashboard library %1 could not be loaded (%2); reinstall "
                                 "smollama, or build it with SMOLLAMA_WITH_GUI=ON")
                     .arg(s_library->fileName(), s_library->errorString());
        delete s_library;
        s_library = nullptr;
        return nullptr;
    }
    return std::unique_ptr<QCoreApplication>(create(&argc, argv));
}

void addOptions(QCommandLineParser &parser)
{
    parser.addOptions({kioskOption(), hideCursorOption(), themeOption(), keyboardOption(),
                       screenshotOption(), screenshotAfterOption(), pageOption(),
                       frameStatsOption()});
}

std::unique_ptr<QObject> start(NodeRuntime *runtime, const QCommandLineParser &parser,
                               QString *error)
{
    const auto startFunction =
        s_library ? reinterpret_cast<StartFunction>(s_library->resolve(s_startSymbol)) : nullptr;
    if (!startFunction) {
        *error = QCoreApplication::translate("smollama", "the dashboard library is not loaded");
        return nullptr;
    }
    GuiOptions options;
    options.kiosk = parser.isSet(kioskOption());
    options.hideCursor = parser.isSet(hideCursorOption());
    options.keyboard = parser.isSet(keyboardOption());
    options.theme = parser.value(themeOption());
    options.screenshot = parser.value(screenshotOption());
    bool ok = false;
    const int after = parser.value(screenshotAfterOption()).toInt(&ok);
    options.screenshotAfterMs = ok ? after : 3000;
    options.page = parser.value(pageOption());
    if (parser.isSet(frameStatsOption())) {
        const int ms = parser.value(frameStatsOption()).toInt(&ok);
        options.frameStatsMs = ok ? ms : 0;
    }

    DashboardSources sources;
    sources.readings = runtime->readings();
    sources.history = runtime->history();
    sources.bus = runtime->bus();
    sources.plugins = runtime->plugins();
    sources.tools = runtime->tools();
    sources.agent = runtime->agent();
    sources.rules = runtime->rules();
    sources.ollama = runtime->ollama();
    sources.nodeName = runtime->config().nodeName();
    sources.safeModeReason = runtime->safeModeReason();
    sources.theme = runtime->config()
                        .section(QStringLiteral("dashboard"))
                        .value(QStringLiteral("theme"))
                        .toString();
    return std::unique_ptr<QObject>(startFunction(&sources, &options, error));
}

} // namespace Smollama::Gui
