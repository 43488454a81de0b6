// SPDX-License-Identifier: GPL-3.0-or-later
#include <smollama/names.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Smollama;

namespace {

QByteArray sourceFile(const char *relative)
{
    const QString path = QString::fromUtf8(relative);
    QFile file(QDir::isAbsolutePath(path) ? path : QStringLiteral(SMOLLAMA_SOURCE_DIR "/") + path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

QJsonObject schemaNameProperty()
{
    return QJsonDocument::fromJson(sourceFile("core/src/schemas/manifest.schema.json"))
        .object()
        .value(QLatin1String("properties"))
        .toObject()
        .value(QLatin1String("name"))
        .toObject();
}

} // namespace

class tst_Names : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The schema in the source tree is the rule; the library reads its compiled-in copy.
    void patternIsTheSchemas()
    {
        const QString schemaPattern =
            schemaNameProperty().value(QLatin1String("pattern")).toString();
        QVERIFY(!schemaPattern.isEmpty());
        QCOMPARE(namePattern(), schemaPattern);
    }

    void isValidName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QStringLiteral("greenhouse") << true;
        QTest::newRow("digits and underscore") << QStringLiteral("relay_1") << true;
        QTest::newRow("one letter") << QStringLiteral("a") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("upper case") << QStringLiteral("Relay") << false;
        QTest::newRow("leading digit") << QStringLiteral("1st") << false;
        QTest::newRow("leading underscore") << QStringLiteral("_x") << false;
        QTest::newRow("dash") << QStringLiteral("my-led") << false;
        QTest::newRow("space") << QStringLiteral("door switch") << false;
        QTest::newRow("trailing newline") << QStringLiteral("door\n") << false;
        QTest::newRow("non-ascii") << QStringLiteral("t\u00fcr") << false;
    }
    void isValidName()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(Smollama::isValidName(name), valid);
        // The same answer as the schema's own pattern read as JSON Schema reads it (ECMA-262:
        // "$" is the end of the text, not also the place before a final newline).
        const QRegularExpression schemaRule(QRegularExpression::anchoredPattern(
            schemaNameProperty().value(QLatin1String("pattern")).toString()));
        QCOMPARE(schemaRule.match(name).hasMatch(), valid);
    }

    void pluginNameLength()
    {
        const int maxLength = schemaNameProperty().value(QLatin1String("maxLength")).toInt();
        QVERIFY(maxLength > 0);
        const QString longest = QStringLiteral("p") + QString(maxLength - 1, QLatin1Char('x'));
        QVERIFY(isValidPluginName(longest));
        QVERIFY(!isValidPluginName(longest + QLatin1Char('x')));
        QVERIFY(Smollama::isValidName(longest + QLatin1Char('x')));
        QVERIFY(!isValidPluginName(QStringLiteral("My-Plugin")));
    }

    // Two places cannot call C++: the CMake package (smollama_add_plugin() checks a manifest at
    // configure time with SMOLLAMA_NAME_PATTERN, which the build reads from the manifest schema)
    // and the Qt Creator wizard (validates the project name as it is typed, a copy). They must
    // say the same.
    void nonCppCopiesAgree_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("cmake helper") << QStringLiteral("cmake/SmollamaPlugin.cmake")
                                      << QStringLiteral("if(NOT name MATCHES \"");
        QTest::newRow("cmake package")
            << QStringLiteral(SMOLLAMA_PACKAGE_BUILD_DIR "/SmollamaConfig.cmake")
            << QStringLiteral("set(SMOLLAMA_NAME_PATTERN \"");
        QTest::newRow("wizard") << QStringLiteral(
                                       "examples/qtcreator-wizard/smollama-plugin/wizard.json")
                                << QStringLiteral("\"projectNameValidator\": \"");
    }
    void nonCppCopiesAgree()
    {
        QFETCH(QString, file);
        QFETCH(QString, prefix);
        const QString text = QString::fromUtf8(sourceFile(file.toUtf8().constData()));
        QVERIFY2(!text.isEmpty(), qPrintable(file));
        const int at = text.indexOf(prefix);
        QVERIFY2(at >= 0, qPrintable(file + QStringLiteral(": the name check is gone")));
        const int start = at + int(prefix.size());
        const QString pattern = text.mid(start, text.indexOf(QLatin1Char('"'), start) - start);
        if (file == QLatin1String("cmake/SmollamaPlugin.cmake")) {
            QCOMPARE(pattern, QStringLiteral("${SMOLLAMA_NAME_PATTERN}")); // no copy of its own
        } else {
            QCOMPARE(pattern, namePattern());
        }
    }
};

QTEST_GUILESS_MAIN(tst_Names)
#include "tst_names.moc"
