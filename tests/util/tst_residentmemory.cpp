// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/residentmemory.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPluginLoader>
#include <QRegularExpression>
#include <QTest>

#include <smollama/pluginfactory.h>

using namespace Smollama;

class tst_ResidentMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void residentBytesIsThisProcess()
    {
        const qint64 rss = ResidentMemory::residentBytes();
        QVERIFY2(rss > 1024 * 1024, qPrintable(QString::number(rss)));
    }

    // What the start touched in the libraries leaves the resident set, and everything the
    // process made (relocated tables, a loaded plugin, heap data) still works afterwards.
    void droppingStartupPagesKeepsTheProcessWorking()
    {
        QPluginLoader loader(
            QStringLiteral(SMOLLAMA_FIXTURE_PLUGIN_DIR "/good/libsmollama_fixture_good.so"));
        QVERIFY2(loader.load(), qPrintable(loader.errorString()));
        auto *factory = qobject_cast<PluginFactory *>(loader.instance());
        QVERIFY(factory);
        const QString before = QJsonDocument(loader.metaData()).toJson();
        const QRegularExpression re(QStringLiteral("^fixture_(\\w+)$"));
        std::vector<QString> heap(1000, QStringLiteral("kept on the heap"));

        const qint64 dropped = ResidentMemory::dropCleanLibraryPages();
        QVERIFY2(dropped > 0, qPrintable(QString::number(dropped)));

        // Virtual calls through relocated vtables, in the core and in the plugin.
        std::unique_ptr<QObject> object(factory->create());
        QVERIFY(object);
        QCOMPARE(QJsonDocument(loader.metaData()).toJson(), before);
        QCOMPARE(re.match(QStringLiteral("fixture_good")).captured(1), QStringLiteral("good"));
        QCOMPARE(heap.back(), QStringLiteral("kept on the heap"));
        QCOMPARE(QString::number(3.25), QStringLiteral("3.25"));
        object.reset();
        QVERIFY(loader.unload());
    }
};

QTEST_GUILESS_MAIN(tst_ResidentMemory)
#include "tst_residentmemory.moc"
