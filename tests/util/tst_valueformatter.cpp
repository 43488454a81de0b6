// SPDX-License-Identifier: GPL-3.0-or-later
// The one formatter of the dashboard and the CLI: durations, bytes and frequencies in the unit a
// person would pick, decimals by size, separators by locale.
#include "util/valueformatter.h"

#include <QTest>

using namespace Smollama;

class tst_ValueFormatter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void format_data();
    void format();
    void numberLeavesTheUnitAlone();
};

void tst_ValueFormatter::format_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("number");
    QTest::addColumn<QString>("shownUnit");

    const QString en = QStringLiteral("en_US");
    const QString de = QStringLiteral("de_DE");
    struct Row
    {
        const char *name;
        QString locale;
        QVariant value;
        const char *unit;
        const char *number;
        const char *shownUnit;
    };
    const Row rows[] = {
        // Plain numbers: decimals by size, no separator below 10 000.
        {"temperature", en, 21.44, "°C", "21.4", "°C"},
        {"small", en, 3.718, "V", "3.72", "V"},
        {"tiny", en, 0.00123, "A", "0.00123", "A"},
        {"zero", en, 0.0, "%", "0.00", "%"},
        {"four digits", en, 2096.4, "", "2096", ""},
        {"five digits grouped", en, 93600.0, "", "93,600", ""},
        {"integer", en, QVariant(qint64(1024)), "", "1024", ""},
        {"negative", en, -12.25, "°C", "-12.3", "°C"},
        {"german decimal comma", de, 12.5, "°C", "12,5", "°C"},
        {"german grouping", de, 93600.0, "", "93.600", ""},
        {"german four digits", de, 2096.0, "lx", "2096", "lx"},
        // Durations.
        {"uptime a day and two hours", en, 93600.0, "s", "1 d 2 h", ""},
        {"uptime whole day", en, 86400.0, "s", "1 d", ""},
        {"hours and minutes", en, 3725.0, "s", "1 h 2 min", ""},
        {"minutes and seconds", en, 125.0, "s", "2 min 5 s", ""},
        {"seconds stay seconds", en, 42.5, "s", "42.5", "s"},
        {"integer seconds", en, QVariant(45), "s", "45", "s"},
        {"milliseconds below a second", en, 0.25, "s", "250", "ms"},
        {"milliseconds as seconds", en, 1500.0, "ms", "1.50", "s"},
        {"minutes", en, 90.0, "min", "1 h 30 min", ""},
        {"hours", en, 50.0, "h", "2 d 2 h", ""},
        {"many days, no separator", en, 12000.0 * 86400, "s", "12000 d", ""},
        // Bytes.
        {"MiB to GiB", en, 23654.0, "MiB", "23.1", "GiB"},
        {"MiB stays", en, 512.0, "MiB", "512", "MiB"},
        {"1000 MiB needs GiB", en, 1000.0, "MiB", "0.977", "GiB"},
        {"small GiB", en, 1.5, "GiB", "1.50", "GiB"},
        {"half a MiB", en, 0.5, "MiB", "512", "KiB"},
        {"bytes", en, QVariant(700), "B", "700", "B"},
        {"bytes to KiB", en, QVariant(qint64(2048)), "B", "2.00", "KiB"},
        {"bytes are binary", en, 1234567.0, "B", "1.18", "MiB"},
        {"decimal bytes stay decimal", en, 1234.567, "kB", "1.23", "MB"},
        {"zero MiB keeps its unit", en, 0.0, "MiB", "0", "MiB"},
        {"german GiB", de, 23654.0, "MiB", "23,1", "GiB"},
        // Frequencies.
        {"MHz to GHz", en, 2096.0, "MHz", "2.10", "GHz"},
        {"MHz stays", en, 600.0, "MHz", "600", "MHz"},
        {"1500 MHz", en, QVariant(1500), "MHz", "1.50", "GHz"},
        {"kHz to MHz", en, 1500.0, "kHz", "1.50", "MHz"},
        {"rounding up keeps 3 digits", en, 9996.0, "MHz", "10.0", "GHz"},
        {"german GHz", de, 2096.0, "MHz", "2,10", "GHz"},
        // Not numbers.
        {"bool on", en, QVariant(true), "", "on", ""},
        {"bool off", en, QVariant(false), "", "off", ""},
        {"string", en, QVariant(QStringLiteral("open")), "", "open", ""},
        {"no value", en, QVariant(), "°C", "—", ""},
        {"not finite", en, QVariant(qQNaN()), "°C", "—", "°C"},
    };
    for (const Row &row : rows) {
        QTest::newRow(row.name) << row.locale << row.value << QString::fromUtf8(row.unit)
                                << QString::fromUtf8(row.number)
                                << QString::fromUtf8(row.shownUnit);
    }
}

void tst_ValueFormatter::format()
{
    QFETCH(QString, locale);
    QFETCH(QVariant, value);
    QFETCH(QString, unit);
    QFETCH(QString, number);
    QFETCH(QString, shownUnit);

    const ValueFormatter formatter{QLocale(locale)};
    const FormattedValue out = formatter.format(value, unit);
    QCOMPARE(out.number, number);
    QCOMPARE(out.unit, shownUnit);
    QCOMPARE(formatter.text(value, unit),
             shownUnit.isEmpty() ? number : number + QLatin1Char(' ') + shownUnit);
}

void tst_ValueFormatter::numberLeavesTheUnitAlone()
{
    const ValueFormatter en{QLocale(QStringLiteral("en_US"))};
    QCOMPARE(en.number(2096.4), QStringLiteral("2096"));
    QCOMPARE(en.duration(93600), QStringLiteral("1 d 2 h"));
    QCOMPARE(en.duration(-90), QStringLiteral("-1 min 30 s"));
    QVERIFY(ValueFormatter::convertsUnit(QStringLiteral("MiB")));
    QVERIFY(ValueFormatter::convertsUnit(QStringLiteral("s")));
    QVERIFY(!ValueFormatter::convertsUnit(QStringLiteral("°C")));
}

QTEST_GUILESS_MAIN(tst_ValueFormatter)
#include "tst_valueformatter.moc"
