// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard window, built as libsmollama-gui.so: smollama loads it (QPluginLoader, root
// object DashboardPlugin) only to show a window.
#include "dashboard.h"
#include "dashboardplugin.h"
#include "desktoptheme.h"
#include "windowsettings.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

Q_IMPORT_QML_PLUGIN(Smollama_DashboardPlugin)

Q_LOGGING_CATEGORY(lcGui, "smollama.gui")

namespace Smollama::Gui {

namespace {

// Started when the application object is created: the first frame is measured from there.
QElapsedTimer s_startTimer;
bool s_virtualKeyboard = false;
// -qwindowgeometry was given: it decides the size, not the one remembered.
bool s_geometryGiven = false;

bool hasArgument(int argc, char **argv, const char *name)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0) {
            return true;
        }
    }
    return false;
}

bool virtualKeyboardInstalled()
{
    const QString plugins = QLibraryInfo::path(QLibraryInfo::PluginsPath);
    const QString qml = QLibraryInfo::path(QLibraryInfo::QmlImportsPath);
    return QFileInfo::exists(
               plugins + QStringLiteral("/platforminputcontexts/libqtvirtualkeyboardplugin.so")) &&
           QFileInfo::exists(qml + QStringLiteral("/QtQuick/VirtualKeyboard/qmldir"));
}

void collectTiles(QQuickItem *item, const QRectF &window, QJsonArray *out)
{
    if (!item->isVisible()) {
        return;
    }
    if (item->objectName() == QLatin1String("readingTile")) {
        const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
        if (window.intersects(r)) {
            out->append(
                QJsonObject{{QStringLiteral("source"), item->property("source").toString()},
                            {QStringLiteral("node"), item->property("node").toString()},
                            {QStringLiteral("value"), item->property("valueText").toString()},
                            {QStringLiteral("quality"), item->property("quality").toString()},
                            {QStringLiteral("shown"), item->property("shown").toBool()},
                            {QStringLiteral("x"), r.x()},
                            {QStringLiteral("y"), r.y()},
                            {QStringLiteral("width"), r.width()},
                            {QStringLiteral("height"), r.height()}});
        }
        return;
    }
    const QList<QQuickItem *> children = item->childItems();
    for (QQuickItem *child : children) {
        collectTiles(child, window, out);
    }
}

// The text of the visible descendant of \a item named \a name.
QString childText(QQuickItem *item, const QString &name)
{
    if (item->objectName() == name) {
        return item->isVisible() ? item->property("text").toString() : QString();
    }
    const QList<QQuickItem *> children = item->childItems();
    for (QQuickItem *child : children) {
        const QString text = childText(child, name);
        if (!text.isEmpty()) {
            return text;
        }
    }
    return QString();
}

// The fleet page's rows and the overview's node headers, as shown (visible ones only).
void collectNodes(QQuickItem *item, const QRectF &window, QJsonArray *rows, QJsonArray *headers)
{
    if (!item->isVisible()) {
        return;
    }
    const QString name = item->objectName();
    const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    if (name.startsWith(QLatin1String("fleetRow_")) && window.intersects(r)) {
        rows->append(
            QJsonObject{{QStringLiteral("name"), item->property("name").toString()},
                        {QStringLiteral("online"), item->property("online").toBool()},
                        {QStringLiteral("state"), childText(item, QStringLiteral("nodeState"))},
                        {QStringLiteral("facts"), childText(item, QStringLiteral("nodeFacts"))},
                        {QStringLiteral("reason"), childText(item, QStringLiteral("nodeReason"))},
                        {QStringLiteral("plugins"), childText(item, QStringLiteral("nodePlugins"))},
                        {QStringLiteral("y"), r.y()}});
        return;
    }
    if (name.startsWith(QLatin1String("nodeHeader_")) && window.intersects(r)) {
        headers->append(QJsonObject{{QStringLiteral("name"), name.mid(11)},
                                    {QStringLiteral("online"), item->property("online").toBool()},
                                    {QStringLiteral("y"), r.y()}});
        return;
    }
    const QList<QQuickItem *> children = item->childItems();
    for (QQuickItem *child : children) {
        collectNodes(child, window, rows, headers);
    }
}

// What the chat shows, as "kind: text" lines.
QJsonArray conversationKinds(const QAbstractItemModel *model)
{
    QJsonArray out;
    const int kind = model->roleNames().key("kind");
    const int text = model->roleNames().key("text");
    for (int i = 0; i < model->rowCount(); ++i) {
        const QModelIndex index = model->index(i, 0);
        out.append(model->data(index, kind).toString() + QStringLiteral(": ") +
                   model->data(index, text).toString());
    }
    return out;
}

// "instance: state" of each plugin instance on the plugins page.
QJsonArray pluginInstances(const QAbstractItemModel *model)
{
    QJsonArray out;
    const int instance = model->roleNames().key("instance");
    const int state = model->roleNames().key("state");
    for (int i = 0; i < model->rowCount(); ++i) {
        const QModelIndex index = model->index(i, 0);
        if (!model->data(index, instance).toString().isEmpty()) {
            out.append(model->data(index, instance).toString() + QStringLiteral(": ") +
                       model->data(index, state).toString());
        }
    }
    return out;
}

// The node of each chat row (asked, or answering), in the order of conversationKinds().
QJsonArray conversationNodes(const ConversationModel *model)
{
    QJsonArray out;
    for (int i = 0; i < model->rowCount(); ++i) {
        out.append(model->nodeOf(i));
    }
    return out;
}

// QML items are found through the visual tree (their QObject parents differ).
QQuickItem *findItem(QQuickItem *item, const QString &objectName)
{
    if (item->objectName() == objectName) {
        return item;
    }
    const QList<QQuickItem *> children = item->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findItem(child, objectName)) {
            return found;
        }
    }
    return nullptr;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const size_t i = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[i];
}

/*! Owns the engine and the dashboard object; the window lives as long as it does. */
class DashboardHost : public QObject
{
public:
    explicit DashboardHost(const DashboardSources &sources)
        : m_dashboard(new Dashboard(sources, this))
        , m_engine(new QQmlApplicationEngine(this))
    {
    }

    ~DashboardHost() override
    {
        if (QQuickWindow *w = window(); w && m_settings) {
            m_settings->save(w, m_keepSize);
        }
        // The QML goes before the models it binds to.
        delete m_engine;
        m_engine = nullptr;
    }

    Dashboard *dashboard() const { return m_dashboard; }
    QQmlApplicationEngine *engine() const { return m_engine; }
    QQuickWindow *window() const
    {
        const QList<QObject *> roots = m_engine->rootObjects();
        return roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.first());
    }

    /*! Remembers the window's size (unless \a keepSize) and page from now on. */
    WindowSettings *rememberWindow(bool keepSize)
    {
        m_settings = std::make_unique<WindowSettings>();
        m_keepSize = keepSize;
        return m_settings.get();
    }

    void scheduleScreenshot(const QString &file, int afterMs);
    void collectFrameStats(int forMs);
    void askWhenReadingsArrived(const QString &question);

private:
    bool readingsArrived() const;
    bool settled() const;
    void saveWhenSettled(const QString &file);
    void saveScreenshot(const QString &file);

    Dashboard *m_dashboard;
    QQmlApplicationEngine *m_engine;
    bool m_questionPending = false;
    QMutex m_frameLock;
    std::vector<double> m_frameMs;
    QElapsedTimer m_frameTimer;
    std::unique_ptr<WindowSettings> m_settings;
    bool m_keepSize = false;
};

void DashboardHost::scheduleScreenshot(const QString &file, int afterMs)
{
    QQuickWindow *w = window();
    auto started = std::make_shared<bool>(false);
    // Counted from the first frame, so a slow start does not give an empty picture.
    connect(w, &QQuickWindow::frameSwapped, this, [this, file, afterMs, started] {
        if (*started) {
            return;
        }
        *started = true;
        QTimer::singleShot(afterMs, this, [this, file] { saveWhenSettled(file); });
    });
}

bool DashboardHost::readingsArrived() const
{
    // Every source has had its first reading; a node followed over its API has answered (or
    // is known to be offline).
    const ReadingsModel *readings = m_dashboard->readings();
    if (!m_dashboard->remoteUrl().isEmpty() && readings->rowCount() == 0 &&
        m_dashboard->offlineReason().isEmpty()) {
        return false;
    }
    const int quality = readings->roleNames().key("quality");
    for (int i = 0; i < readings->rowCount(); ++i) {
        if (readings->data(readings->index(i), quality).toString() == QLatin1String("none")) {
            return false;
        }
    }
    return true;
}

bool DashboardHost::settled() const
{
    // Every source has had its first reading, every node followed has answered (or is known
    // to be offline) and told its tools, and no answer is being written.
    return readingsArrived() && m_dashboard->remotesAnswered() &&
           m_dashboard->outputs()->isReady() && !m_questionPending &&
           !m_dashboard->conversation()->isBusy();
}

void DashboardHost::askWhenReadingsArrived(const QString &question)
{
    // --page agent:<question> shows a conversation about the sensors: asked before their first
    // reads, the model's tool calls would find nothing (at most 30 s of waiting).
    auto waited = std::make_shared<QElapsedTimer>();
    waited->start();
    m_questionPending = true;
    auto *poll = new QTimer(this);
    poll->setInterval(50);
    const auto check = [this, question, waited, poll] {
        if (m_questionPending && (readingsArrived() || waited->elapsed() > 30000)) {
            poll->stop();
            poll->deleteLater();
            m_questionPending = false;
            m_dashboard->conversation()->ask(question);
        }
    };
    connect(poll, &QTimer::timeout, this, check);
    poll->start();
    check();
}

void DashboardHost::saveWhenSettled(const QString &file)
{
    // On a busy machine the first reads or the agent may take longer than the delay: the
    // picture waits for them (at most 30 s more), so it never shows a half-started dashboard.
    auto waited = std::make_shared<QElapsedTimer>();
    waited->start();
    auto *poll = new QTimer(this);
    poll->setInterval(100);
    const auto check = [this, file, waited, poll] {
        if (!settled() && waited->elapsed() < 30000) {
            return;
        }
        poll->stop();
        poll->deleteLater();
        // One more frame, so the last change is drawn.
        QTimer::singleShot(200, this, [this, file] { saveScreenshot(file); });
    };
    connect(poll, &QTimer::timeout, this, check);
    poll->start();
    check();
}

void DashboardHost::saveScreenshot(const QString &file)
{
    QQuickWindow *w = window();
    const QImage image = w->grabWindow();
    if (image.isNull() || !image.save(file)) {
        qCCritical(lcGui, "Could not write the screenshot %s", qPrintable(file));
        QCoreApplication::exit(3);
        return;
    }
    QJsonArray tiles;
    collectTiles(w->contentItem(), QRectF(0, 0, w->width(), w->height()), &tiles);
    QJsonArray fleet;
    QJsonArray nodeHeaders;
    collectNodes(w->contentItem(), QRectF(0, 0, w->width(), w->height()), &fleet, &nodeHeaders);
    const QQuickItem *banner = findItem(w->contentItem(), QStringLiteral("safeModeBanner"));
    // The tab labels as shown (translated), and whether a label had to be cut short.
    QJsonArray tabs;
    for (int i = 0;; ++i) {
        const QQuickItem *tab = findItem(w->contentItem(), QStringLiteral("tab%1").arg(i));
        if (!tab) {
            break;
        }
        const auto *label = tab->property("contentItem").value<QQuickItem *>();
        tabs.append(QJsonObject{
            {QStringLiteral("text"), tab->property("text").toString()},
            {QStringLiteral("truncated"), label && label->property("truncated").toBool()},
            {QStringLiteral("height"), tab->height()}});
    }
    // The detail page, when shown: its value count ("7 values") and the chart's gridlines.
    QJsonObject detail;
    if (const QQuickItem *page = findItem(w->contentItem(), QStringLiteral("detailPage"));
        page && page->isVisible()) {
        const QQuickItem *count = findItem(w->contentItem(), QStringLiteral("valueCount"));
        int valueTicks = 0;
        int timeTicks = 0;
        std::function<void(QQuickItem *)> countTicks = [&](QQuickItem *item) {
            valueTicks += item->objectName() == QLatin1String("valueTick") ? 1 : 0;
            timeTicks += item->objectName() == QLatin1String("timeTick") ? 1 : 0;
            const QList<QQuickItem *> children = item->childItems();
            for (QQuickItem *child : children) {
                countTicks(child);
            }
        };
        countTicks(w->contentItem());
        detail = QJsonObject{
            {QStringLiteral("count"), count ? count->property("text").toString() : QString()},
            {QStringLiteral("valueTicks"), valueTicks},
            {QStringLiteral("timeTicks"), timeTicks}};
    }
    // The overview's "more below" hint: the tiles behind it are not shown.
    QJsonObject hint;
    if (const QQuickItem *item = findItem(w->contentItem(), QStringLiteral("scrollHint"));
        item && item->isVisible()) {
        const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
        const QQuickItem *text = item->childItems().size() > 1 ? item->childItems().at(1) : nullptr;
        hint = QJsonObject{
            {QStringLiteral("y"), r.y()},
            {QStringLiteral("height"), r.height()},
            {QStringLiteral("text"), text ? text->property("text").toString() : QString()}};
    }
    const QJsonObject info{
        {QStringLiteral("width"), image.width()},
        {QStringLiteral("height"), image.height()},
        {QStringLiteral("sources"), m_dashboard->readings()->count()},
        {QStringLiteral("outputs"), m_dashboard->outputs()->count()},
        // Why the Outputs page's toggles are off, and which of its toggles can be tapped.
        {QStringLiteral("outputsBlocked"),
         [w] {
             const QQuickItem *b = findItem(w->contentItem(), QStringLiteral("outputsBlocked"));
             return b && b->isVisible() ? b->property("text").toString() : QString();
         }()},
        {QStringLiteral("outputSwitches"),
         [w] {
             QJsonArray out;
             std::function<void(QQuickItem *)> collect = [&](QQuickItem *item) {
                 if (item->objectName() == QLatin1String("outputSwitch") && item->isVisible()) {
                     out.append(item->isEnabled());
                 }
                 const QList<QQuickItem *> children = item->childItems();
                 for (QQuickItem *child : children) {
                     collect(child);
                 }
             };
             collect(w->contentItem());
             return out;
         }()},
        {QStringLiteral("plugins"), m_dashboard->plugins()->count()},
        {QStringLiteral("pluginInstances"), pluginInstances(m_dashboard->plugins())},
        {QStringLiteral("banner"),
         banner && banner->isVisible() ? banner->property("text").toString() : QString()},
        {QStringLiteral("tabs"), tabs},
        {QStringLiteral("conversation"), conversationKinds(m_dashboard->conversation())},
        {QStringLiteral("conversationNodes"), conversationNodes(m_dashboard->conversation())},
        {QStringLiteral("askNodes"),
         QJsonArray::fromVariantList(m_dashboard->conversation()->nodes())},
        {QStringLiteral("askTarget"), m_dashboard->conversation()->targetName()},
        {QStringLiteral("ollama"), m_dashboard->conversation()->ollamaText()},
        {QStringLiteral("answeredBy"),
         [w] {
             // The captions the chat shows under its answers.
             QJsonArray out;
             std::function<void(QQuickItem *)> collect = [&](QQuickItem *item) {
                 if (item->objectName() == QLatin1String("answeredBy") && item->isVisible()) {
                     out.append(item->property("text").toString());
                 }
                 const QList<QQuickItem *> children = item->childItems();
                 for (QQuickItem *child : children) {
                     collect(child);
                 }
             };
             collect(w->contentItem());
             return out;
         }()},
        {QStringLiteral("tiles"), tiles},
        {QStringLiteral("fleet"), fleet},
        {QStringLiteral("nodeHeaders"), nodeHeaders},
        {QStringLiteral("detail"), detail},
        {QStringLiteral("hint"), hint},
        {QStringLiteral("title"), w->title()},
        {QStringLiteral("offline"),
         [w] {
             const QQuickItem *b = findItem(w->contentItem(), QStringLiteral("offlineBanner"));
             return b && b->isVisible() ? b->property("text").toString() : QString();
         }()},
        {QStringLiteral("page"), w->property("currentPage").toInt()},
        {QStringLiteral("dark"), m_dashboard->isDark()}};
    QFile json(file + QStringLiteral(".json"));
    if (json.open(QIODevice::WriteOnly)) {
        json.write(QJsonDocument(info).toJson());
    }
    // (A test aid, not translated: counts as figures, no plural forms needed.)
    qCInfo(lcGui, "Screenshot %s: %dx%d, tiles shown: %lld, sources: %d", qPrintable(file),
           image.width(), image.height(), static_cast<long long>(tiles.size()),
           m_dashboard->readings()->count());
    QCoreApplication::quit();
}

void DashboardHost::collectFrameStats(int forMs)
{
    QQuickWindow *w = window();
    auto first = std::make_shared<bool>(true);
    // The render thread (or the GUI thread with the basic loop) measures each frame from
    // synchronisation to swap.
    connect(
        w, &QQuickWindow::beforeSynchronizing, this, [this] { m_frameTimer.start(); },
        Qt::DirectConnection);
    connect(
        w, &QQuickWindow::frameSwapped, this,
        [this, first, forMs] {
            if (*first) {
                *first = false;
                std::printf("dashboard: first frame after %lld ms, %d sources\n",
                            static_cast<long long>(s_startTimer.elapsed()),
                            m_dashboard->readings()->count());
                std::fflush(stdout);
                QMetaObject::invokeMethod(this, [this, forMs] {
                    QTimer::singleShot(forMs, this, [this, forMs] {
                        QMutexLocker locker(&m_frameLock);
                        const std::vector<double> frames = m_frameMs;
                        double sum = 0;
                        for (double f : frames) {
                            sum += f;
                        }
                        std::printf(
                            "dashboard: %zu frames in %d ms while readings stream in: "
                            "mean %.2f ms, median %.2f ms, p95 %.2f ms, max %.2f ms; "
                            "%llu model row updates\n",
                            frames.size(), forMs, frames.empty() ? 0.0 : sum / frames.size(),
                            percentile(frames, 0.5), percentile(frames, 0.95),
                            frames.empty() ? 0.0 : *std::max_element(frames.begin(), frames.end()),
                            static_cast<unsigned long long>(
                                m_dashboard->readings()->updatesSent()));
                        std::fflush(stdout);
                        QCoreApplication::quit();
                    });
                });
                return;
            }
            QMutexLocker locker(&m_frameLock);
            m_frameMs.push_back(double(m_frameTimer.nsecsElapsed()) / 1e6);
        },
        Qt::DirectConnection);
}

std::unique_ptr<QObject> start(const DashboardSources &sources, const GuiOptions &options,
                               QString *error)
{
    auto host = std::make_unique<DashboardHost>(sources);
    Dashboard *dashboard = host->dashboard();
    dashboard->setKiosk(options.kiosk);
    if ((options.kiosk || options.keyboard) && !s_virtualKeyboard) {
        qCWarning(lcGui, "The on-screen keyboard is not available (install the packages "
                         "qt6-virtualkeyboard-plugin and qml6-module-qtquick-virtualkeyboard); "
                         "the agent page offers preset questions");
    }
    dashboard->setVirtualKeyboard(s_virtualKeyboard);
    // The theme: --theme, else dashboard.theme, else (auto) the desktop's preference, which
    // the window then follows; dark when the desktop does not say (a kiosk).
    QString theme = sources.theme;
    if (!options.theme.isEmpty()) {
        if (options.theme == QLatin1String("light") || options.theme == QLatin1String("dark") ||
            options.theme == QLatin1String("auto")) {
            theme = options.theme;
        } else {
            qCWarning(lcGui, "--theme %s: unknown theme; use light, dark or auto (showing %s)",
                      qPrintable(options.theme),
                      qPrintable(theme.isEmpty() ? QStringLiteral("auto") : theme));
        }
    }
    if (theme == QLatin1String("light") || theme == QLatin1String("dark")) {
        dashboard->setDark(theme == QLatin1String("dark"));
    } else {
        auto *desktop = new DesktopTheme(host.get());
        dashboard->setDark(desktop->prefersDark().value_or(true));
        QObject::connect(desktop, &DesktopTheme::changed, dashboard, &Dashboard::setDark);
    }
    if (options.hideCursor) {
        QGuiApplication::setOverrideCursor(QCursor(Qt::BlankCursor));
    }

    QQmlApplicationEngine *engine = host->engine();
    engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine->setInitialProperties(
        {{QStringLiteral("dashboard"), QVariant::fromValue(static_cast<QObject *>(dashboard))}});
    QStringList warnings;
    QObject::connect(engine, &QQmlEngine::warnings, host.get(),
                     [&warnings](const QList<QQmlError> &list) {
                         for (const QQmlError &e : list) {
                             warnings.append(e.toString());
                         }
                     });
    engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Smollama/Dashboard/Main.qml")));
    QObject::disconnect(engine, &QQmlEngine::warnings, host.get(), nullptr);
    QQuickWindow *window = host->window();
    if (!window) {
        *error = warnings.isEmpty()
                     ? QCoreApplication::translate("smollama", "Main.qml did not create a window")
                     : warnings.join(QLatin1Char('\n'));
        return nullptr;
    }

    // Size and page as the last run left them; a kiosk is full screen, and -qwindowgeometry
    // and --page decide for themselves.
    WindowSettings *settings = host->rememberWindow(options.kiosk);
    const bool maximized = settings->restoreSize(window, options.kiosk || s_geometryGiven);
    if (options.page.isEmpty()) {
        settings->restorePage(window);
    }
    if (!options.page.isEmpty()) {
        // overview, outputs, agent, plugins, fleet, detail:<source>, node:<name> (the
        // overview on one node) or agent:<question to ask>
        static const QStringList pages{QStringLiteral("overview"), QStringLiteral("outputs"),
                                       QStringLiteral("agent"), QStringLiteral("plugins"),
                                       QStringLiteral("fleet")};
        const QString &page = options.page;
        if (page.startsWith(QLatin1String("detail:"))) {
            const QString source = page.mid(7);
            const QVariantMap row =
                dashboard->readings()->get(dashboard->readings()->indexOf(source));
            QMetaObject::invokeMethod(window, "showDetail", Q_ARG(QVariant, source),
                                      Q_ARG(QVariant, row.value(QStringLiteral("label"))),
                                      Q_ARG(QVariant, row.value(QStringLiteral("unit"))),
                                      Q_ARG(QVariant, QString()));
        } else if (page.startsWith(QLatin1String("node:"))) {
            QMetaObject::invokeMethod(window, "showNode", Q_ARG(QVariant, page.mid(5)));
        } else if (page.startsWith(QLatin1String("agent:"))) {
            window->setProperty("currentPage", pages.indexOf(QStringLiteral("agent")));
            host->askWhenReadingsArrived(page.mid(6));
        } else if (pages.contains(page)) {
            window->setProperty("currentPage", pages.indexOf(page));
        } else {
            qCWarning(lcGui,
                      "--page %s: unknown page; use one of %s, detail:<source> or node:<name>",
                      qPrintable(page), qPrintable(pages.join(QLatin1String(", "))));
        }
    }
    if (options.kiosk) {
        // A stray Alt+F4 on a kiosk must not stop the sensors, the outputs and the API with
        // the window: the node goes on headless (stop it with systemctl or SIGTERM).
        QGuiApplication::setQuitOnLastWindowClosed(false);
        window->setFlags(window->flags() | Qt::FramelessWindowHint);
        window->showFullScreen();
    } else if (maximized) {
        window->showMaximized();
    } else {
        window->show();
    }

    if (!options.screenshot.isEmpty()) {
        host->scheduleScreenshot(options.screenshot,
                                 options.screenshotAfterMs >= 0 ? options.screenshotAfterMs : 3000);
    }
    if (options.frameStatsMs >= 0) {
        host->collectFrameStats(options.frameStatsMs > 0 ? options.frameStatsMs : 5000);
    }
    return host;
}

} // namespace

QCoreApplication *DashboardPlugin::createApplication(int *argc, char **argv)
{
    s_startTimer.start();
    const bool keyboard =
        hasArgument(*argc, argv, "--kiosk") || hasArgument(*argc, argv, "--keyboard");
    if (keyboard && virtualKeyboardInstalled()) {
        // The input method must be chosen before the application object exists.
        if (qEnvironmentVariableIsEmpty("QT_IM_MODULE")) {
            qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
        }
        s_virtualKeyboard = qgetenv("QT_IM_MODULE") == "qtvirtualkeyboard";
    }
    // (Gui::wanted() has chosen eglfs for a kiosk without a display server, and checked that
    // the platform can start.)
    for (int i = 1; i < *argc; ++i) {
        s_geometryGiven = s_geometryGiven || std::strcmp(argv[i], "-qwindowgeometry") == 0 ||
                          std::strcmp(argv[i], "--qwindowgeometry") == 0;
    }
    auto *app = new QGuiApplication(*argc, argv);
    // The menu entry smollama.desktop: Wayland's app id, the icon and the window's grouping.
    QGuiApplication::setDesktopFileName(QStringLiteral("smollama"));
    const QIcon icon = QIcon::fromTheme(QStringLiteral("smollama"));
    if (!icon.isNull()) {
        QGuiApplication::setWindowIcon(icon);
    }
    return app;
}

QObject *DashboardPlugin::start(const DashboardSources &sources, const GuiOptions &options,
                                QString *error)
{
    return Gui::start(sources, options, error).release();
}

} // namespace Smollama::Gui
