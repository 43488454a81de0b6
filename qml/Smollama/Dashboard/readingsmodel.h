// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <smollama/reading.h>
#include <smollama/sourceinfo.h>

#include <QAbstractListModel>
#include <QHash>
#include <QPair>
#include <QStringList>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>
#include <QVector>
#include <QtQml/qqmlregistration.h>

namespace Smollama {

class NodeDirectory;
class ReadingBus;
class ReadingHistory;
class ReadingManager;

/*!
    The latest reading of every source of every node, each with the values of the last hour for
    its sparkline. Rows are keyed by (node, source), so two nodes' sources of the same id never
    collide, and sorted by node (this node first, then the others by name), then by source, so
    the sources of one plugin instance of one node are together.

    A reading of a node that is offline (NodeDirectory) is shown stale, never as a live value.

    Readings come from the bus in batches; they are merged and applied every coalesce interval
    (150 ms), so a flood of readings costs one dataChanged() per changed row, not one per
    reading. A slower timer notices sources that went stale.
*/
class ReadingsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The dashboard creates the readings model")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QStringList instances READ instances NOTIFY instancesChanged)
    /*! How many sources each of instances has, in the same order (rows are grouped by node
        and instance, so rows 0..sizes[0]-1 are the first group's). */
    Q_PROPERTY(QVariantList instanceSizes READ instanceSizes NOTIFY countChanged)
    /*! The node of each group of instances, in the same order. */
    Q_PROPERTY(QStringList groupNodes READ groupNodes NOTIFY instancesChanged)
    /*! The nodes with rows, this node first, then by name. */
    Q_PROPERTY(QStringList nodes READ nodes NOTIFY instancesChanged)
    /*! This node's name. */
    Q_PROPERTY(QString localNode READ localNode CONSTANT)
    /*! Whether each node of nodes is online: {name: bool}. */
    Q_PROPERTY(QVariantMap nodesOnline READ nodesOnline NOTIFY nodesOnlineChanged)

public:
    enum Role {
        SourceRole = Qt::UserRole + 1,
        NodeRole, //!< the node the source belongs to
        InstanceRole,
        LabelRole,
        DescriptionRole,
        ValueTextRole, //!< the value as shown, in the unit of ValueUnitRole ("2.10")
        ValueUnitRole, //!< the unit shown after it ("GHz"; empty for "1 d 2 h")
        ValueRole,
        UnitRole,
        QualityRole,
        MessageRole,
        SparklineRole,
        TimestampRole,
    };
    Q_ENUM(Role)

    /*! Reads from \a manager (declared sources, staleness), \a history (sparklines) and
        \a bus (new readings); none is owned. */
    ReadingsModel(ReadingManager *manager, ReadingHistory *history, ReadingBus *bus,
                  QObject *parent = nullptr);
    ~ReadingsModel() override;

    /*! Tells which nodes are online (not owned; null: every node counts as online). */
    void setNodeDirectory(NodeDirectory *nodes);
    /*! Without a directory: which nodes are online, as a followed node said ({name: online});
        a node not named counts as online. */
    void setNodeStates(const QHash<QString, bool> &online);
    /*! True for this node and for an online one. */
    bool isNodeOnline(const QString &node) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    QStringList instances() const;
    QVariantList instanceSizes() const;
    QStringList groupNodes() const;
    QStringList nodes() const;
    QString localNode() const;
    QVariantMap nodesOnline() const { return m_online; }
    /*! The row of this node's \a source, -1 when unknown. */
    Q_INVOKABLE int indexOf(const QString &source) const;
    /*! The row of \a source of \a node (this node's for an empty name), -1 when unknown. */
    Q_INVOKABLE int indexOfNode(const QString &node, const QString &source) const;
    /*! Every role of \a row by name (for pages that show one source). */
    Q_INVOKABLE QVariantMap get(int row) const;

    /*! How long readings are collected before the model changes (ms). */
    void setCoalesceInterval(int ms);
    /*! The number of dataChanged() signals sent so far (for the benchmark and tests). */
    quint64 updatesSent() const { return m_updatesSent; }

Q_SIGNALS:
    void countChanged();
    void instancesChanged();
    void nodesOnlineChanged();

private:
    struct Row
    {
        QString node;
        QString source;
        QString instance;
        QString label;
        QString description;
        QString unit;
        Reading reading;
        QVariantList sparkline;
    };

    static QString unitOf(const Row &row);
    void onBatch(const QList<Smollama::Reading> &batch);
    void flush();
    void checkStale();
    int insertRow(const QString &node, const QString &source);
    bool before(const QString &nodeA, const QString &sourceA, const QString &nodeB,
                const QString &sourceB) const;
    QString nodeOf(const Reading &reading) const;
    void refreshOnline();
    Reading shown(const QString &node, const Reading &reading) const;
    void refreshSparkline(Row &row, qint64 nowMs) const;
    void readDeclared();

    ReadingManager *m_manager;
    ReadingHistory *m_history;
    // The declared sources (label, unit), read again when an undeclared source shows up.
    QHash<QString, SourceInfo> m_declared;
    QVector<Row> m_rows;
    NodeDirectory *m_nodes = nullptr;
    QVariantMap m_online;
    QHash<QString, bool> m_stated;
    //! (node, source) -> newest reading not shown yet
    QHash<QPair<QString, QString>, Reading> m_pending;
    QTimer m_flushTimer;
    QTimer m_staleTimer;
    quint64 m_updatesSent = 0;
};

} // namespace Smollama
