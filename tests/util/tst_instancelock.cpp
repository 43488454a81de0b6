// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/instancelock.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Smollama;

class tst_InstanceLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondLockNamesThePid()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/smollama.lock"));
        InstanceLock first(path);
        QVERIFY(first.tryLock());
        InstanceLock second(path);
        // Within one process QLockFile still refuses the second holder.
        QVERIFY(!second.tryLock());
        QVERIFY2(second.errorString().contains(
                     QStringLiteral("PID %1").arg(QCoreApplication::applicationPid())),
                 qPrintable(second.errorString()));
    }

    void damagedLockFileIsTakenOver_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("garbage") << QByteArray("\x01\x02garbage");
    }

    void damagedLockFileIsTakenOver()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("smollama.lock"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        InstanceLock lock(path);
        QVERIFY2(lock.tryLock(), qPrintable(lock.errorString()));
        QVERIFY(!lock.errorString().contains(QLatin1String("PID 0")));
    }
};

QTEST_GUILESS_MAIN(tst_InstanceLock)
#include "tst_instancelock.moc"
