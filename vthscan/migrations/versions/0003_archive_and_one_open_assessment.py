"""assessment: archived (who, when), and at most one open assessment per organisation and period

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

Existing data is kept, periods too: a period typed as free text before the period rule existed
(e.g. "volgend jaar") stays as it is and readable; the rule holds for new assessments only.
Where an organisation has several open assessments (concept or in review) of one questionnaire and
period, the one changed last stays open and the others are archived, so that the unique index can be
made: they stay readable under "toon gearchiveerd", and a coordinator can delete one that was never
submitted or bring it back once the other one is no longer open.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

OPEN = sa.text("status IN ('concept', 'ter_review') AND archived_at IS NULL")

assessment = sa.table("assessment", sa.column("id", sa.Integer), sa.column("organisation_id", sa.Integer),
                      sa.column("definition_id", sa.Integer), sa.column("period", sa.String),
                      sa.column("status", sa.String), sa.column("updated_at", sa.DateTime),
                      sa.column("archived_at", sa.DateTime))
definition = sa.table("questionnaire_definition", sa.column("id", sa.Integer),
                      sa.column("questionnaire_id", sa.String))


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('archived_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('assessment_archived_by_id_fkey', 'user', ['archived_by_id'], ['id'],
                                    ondelete='SET NULL')
    _archive_extra_open_assessments(op.get_bind())
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index('uq_assessment_open', ['organisation_id', 'definition_id', 'period'], unique=True,
                              sqlite_where=OPEN, postgresql_where=OPEN)


def _archive_extra_open_assessments(connection):
    rows = connection.execute(
        sa.select(assessment.c.id, assessment.c.organisation_id, definition.c.questionnaire_id,
                  assessment.c.period, assessment.c.updated_at)
        .join(definition, definition.c.id == assessment.c.definition_id)
        .where(assessment.c.status.in_(("concept", "ter_review")))
        .order_by(assessment.c.updated_at.desc(), assessment.c.id.desc()))
    kept, extra = set(), []
    for assessment_id, organisation_id, questionnaire_id, period, updated_at in rows:
        key = (organisation_id, questionnaire_id, period)
        if key in kept:
            extra.append(assessment_id)
        kept.add(key)
    if extra:
        connection.execute(sa.update(assessment).where(assessment.c.id.in_(extra))
                           .values(archived_at=sa.func.current_timestamp()))


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index('uq_assessment_open', sqlite_where=OPEN, postgresql_where=OPEN)
        batch_op.drop_constraint('assessment_archived_by_id_fkey', type_='foreignkey')
        batch_op.drop_column('archived_by_id')
        batch_op.drop_column('archived_at')
