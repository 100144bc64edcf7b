#include "app/AppTestSupport.h"
#include "app/graph/GraphExporter.h"
#include "app/graph/RevisionFilterModel.h"
#include "app/graph/RevisionGraphModel.h"

#include <QApplication>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace retort;
using namespace retort::app;

class tst_GraphExporter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<const ProjectSnapshot> m_demo;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto loaded = testsupport::loadSnapshot(testsupport::demoSourceDir());
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
        m_demo = std::move(loaded).value();
    }

    void exportsAPngOfEveryRow()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        model.setDatabaseHeads({QStringLiteral("8c4d2b9e1a57")}, true);
        const QString path = m_dir.filePath(QStringLiteral("graph.png"));
        const GraphPalette palette = GraphPalette::fromPalette(QApplication::palette());
        const Status s = GraphExporter::exportTo(model, path, GraphExporter::Format::Png, palette, QApplication::font(), QStringLiteral("demo"));
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().toString()));
        QImage image(path);
        QVERIFY(!image.isNull());
        const QSize logical = GraphExporter::pictureSize(model, QApplication::font(), QStringLiteral("demo"));
        QCOMPARE(image.size(), logical * 2); // rendered at 2x for high-DPI screens
        QVERIFY(logical.height() > model.rowCount() * 16);
    }

    void exportsAnSvgWithTheRevisionIds()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        RevisionFilterModel filter;
        filter.setSourceModel(&model);
        filter.setSearchText(QStringLiteral("create"));
        const QString path = m_dir.filePath(QStringLiteral("graph.svg"));
        const Status s = GraphExporter::exportTo(filter, path, GraphExporter::Format::Svg,
                                                 GraphPalette::fromPalette(QApplication::palette()), QApplication::font(), {}, true);
        QVERIFY(s.ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray svg = file.readAll();
        QVERIFY(svg.startsWith("<?xml"));
        QVERIFY(svg.contains("<svg"));
        QVERIFY(svg.contains("3f1a9c2e7b10"));
        QVERIFY(!svg.contains("9d5e3b7a1c06")); // filtered out ("merge auth and geo branches")
    }

    void theFormatComesFromTheSuffix_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("ok");
        QTest::newRow("png") << QStringLiteral("a.png") << true;
        QTest::newRow("an upper-case SVG") << QStringLiteral("a.SVG") << true;
        QTest::newRow("jpeg is refused") << QStringLiteral("a.jpg") << false;
        QTest::newRow("no suffix is refused") << QStringLiteral("graph") << false;
    }

    void theFormatComesFromTheSuffix()
    {
        QFETCH(QString, path);
        QFETCH(bool, ok);
        QCOMPARE(GraphExporter::formatForPath(path).ok(), ok);
    }

    void anUnwritableFileIsAnError()
    {
        RevisionGraphModel model;
        model.setSnapshot(m_demo);
        const Status s = GraphExporter::exportTo(model, m_dir.filePath(QStringLiteral("no/such/dir/g.svg")), GraphExporter::Format::Svg,
                                                 GraphPalette::fromPalette(QApplication::palette()), QApplication::font());
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, QStringLiteral("export-write"));
    }
};

QTEST_MAIN(tst_GraphExporter)
#include "tst_GraphExporter.moc"
