// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>

#include <QAbstractListModel>
#include <QJsonObject>
#include <QVector>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace Smollama {

class OutputSource;
class ReadingBus;
class ReadingManager;
class RemoteNode;
class ToolRegistry;

/*!
    The outputs the tool plugins can switch (GPIO pins, relays), shown as toggles.

    Found by a convention on the tool's parameter schema (docs/plugin-development.md, "Outputs
    on the dashboard"): a tool whose parameters have a string `name` with an `enum` of output
    names and a string `state` whose `enum` has "on" and "off" switches those outputs. The
    current state of output `n` of the instance that registered the tool is its reading
    `<instance>:<n>`.

    Switching calls the tool (on its plugin's thread, or on the followed node with
    POST /api/tools/{name}); the row is busy until it answers, and an error is shown on the row.
    Where the outputs come from is an OutputSource: this process's tools, or a node followed over
    its HTTP API. While the outputs cannot be switched (a remote node offline, no token or a
    refused one), blockedReason says why and every row's `switchable` is false.
*/
class OutputsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The dashboard creates the outputs model")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString blockedReason READ blockedReason NOTIFY blockedReasonChanged)

public:
    enum Role {
        ToolRole = Qt::UserRole + 1,
        NameRole,
        SourceRole,
        LabelRole,
        OnRole,
        KnownRole,
        BusyRole,
        ErrorRole,
        SwitchableRole,
    };
    Q_ENUM(Role)

    /*! The outputs of this process's tools. None is owned. */
    OutputsModel(ToolRegistry *tools, ReadingManager *readings, ReadingBus *bus,
                 QObject *parent = nullptr);
    /*! The outputs of a node followed over its HTTP API (not owned). */
    explicit OutputsModel(RemoteNode *remote, QObject *parent = nullptr);
    ~OutputsModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_rows.size()); }
    /*! Why the outputs cannot be switched now (translated, saying what to do), else empty. */
    QString blockedReason() const;
    /*! Whether the rows are what the source knows (a followed node's tools have been read). */
    bool isReady() const;

    /*! Switches the output of \a row on or off; returns at once. */
    Q_INVOKABLE void setOn(int row, bool on);

    /*! The outputs a tool with \a parameters switches: its `name` enum when it follows the
        convention, else nothing. */
    static QStringList switchedOutputs(const QJsonObject &parameters);

Q_SIGNALS:
    void countChanged();
    void blockedReasonChanged();

private:
    OutputsModel(std::unique_ptr<OutputSource> source, ReadingManager *readings, ReadingBus *bus,
                 QObject *parent);

    struct Row
    {
        QString tool;
        QString instance; //!< set when several instances offer the tool
        QString name;
        QString source;
        QString label;
        bool on = false;
        bool known = false;
        bool busy = false;
        QString error;
    };

    void fill();
    void rebuild();
    void onBatch(const QList<Smollama::Reading> &batch);
    void apply(int row, const Reading &reading);

    void blockedChanged();

    std::unique_ptr<OutputSource> m_source;
    ReadingManager *m_readings;
    QVector<Row> m_rows;
};

} // namespace Smollama
