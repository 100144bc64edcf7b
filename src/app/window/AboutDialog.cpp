#include "app/window/AboutDialog.h"

#include "ui_AboutDialog.h"

#include "core/Version.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QIcon>
#include <QPushButton>

#include <Qsci/qsciglobal.h>
#include <spdlog/version.h>

namespace retort::app {

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);

    const QString appIcon = QStringLiteral(":/icons/retort.svg");
    const QIcon icon = QFile::exists(appIcon) ? QIcon(appIcon) : QApplication::windowIcon();
    m_ui->iconLabel->setPixmap(icon.pixmap(QSize(64, 64), devicePixelRatio()));

    QFont title = m_ui->titleLabel->font();
    title.setPointSizeF(title.pointSizeF() * 1.8);
    title.setBold(true);
    m_ui->titleLabel->setFont(title);
    m_ui->titleLabel->setText(QStringLiteral("Retort ") + QLatin1String(kVersion));

    m_ui->retortVersionLabel->setText(QLatin1String(kVersion));
    const QString runtimeQt = QString::fromLatin1(qVersion());
    const QString buildQt = QStringLiteral(QT_VERSION_STR);
    m_ui->qtVersionLabel->setText(runtimeQt == buildQt ? runtimeQt : tr("%1 (built with %2)").arg(runtimeQt, buildQt));
    m_ui->qscintillaVersionLabel->setText(QStringLiteral(QSCINTILLA_VERSION_STR));
    m_ui->spdlogVersionLabel->setText(
        QStringLiteral("%1.%2.%3").arg(SPDLOG_VER_MAJOR).arg(SPDLOG_VER_MINOR).arg(SPDLOG_VER_PATCH));
    setAlembicVersion({});

    QPushButton* copy = m_ui->buttonBox->addButton(tr("&Copy Versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyVersionsButton"));
    connect(copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(versionsText()); });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
}

AboutDialog::~AboutDialog() = default;

void AboutDialog::setAlembicVersion(const QString& version, const QString& detail)
{
    m_ui->alembicVersionLabel->setToolTip(detail);
    if (version.isEmpty()) {
        m_ui->alembicVersionLabel->setText(tr("not detected yet (open a project)"));
        m_ui->alembicVersionLabel->setEnabled(false);
    } else {
        m_ui->alembicVersionLabel->setText(version);
        m_ui->alembicVersionLabel->setEnabled(true);
    }
}

QString AboutDialog::versionsText() const
{
    const auto line = [](const QLabel* caption, const QLabel* value) -> QString {
        return caption->text() + QLatin1Char(' ') + value->text();
    };
    return QStringList { line(m_ui->retortCaption, m_ui->retortVersionLabel),
        line(m_ui->qtCaption, m_ui->qtVersionLabel), line(m_ui->qscintillaCaption, m_ui->qscintillaVersionLabel),
        line(m_ui->spdlogCaption, m_ui->spdlogVersionLabel), line(m_ui->alembicCaption, m_ui->alembicVersionLabel) }
        .join(QLatin1Char('\n'));
}

} // namespace retort::app
