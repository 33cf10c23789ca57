"""assessment: who submitted it for review (four eyes), and at most one successor per assessment

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Existing data is kept. Assessments in review or signed off get their submitter from the audit log
(the last "ter review" status entry). Where parallel reopens made several drafts of one signed-off
assessment, the oldest draft stays its successor; the others stay as they are but are no longer linked
to it (previous_id is emptied), so that the unique index can be made.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

assessment = sa.table("assessment", sa.column("id", sa.Integer), sa.column("status", sa.String),
                      sa.column("previous_id", sa.Integer), sa.column("submitted_by_id", sa.Integer),
                      sa.column("submitted_at", sa.DateTime))
audit_log = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("assessment_id", sa.Integer),
                     sa.column("user_id", sa.Integer), sa.column("at", sa.DateTime),
                     sa.column("action", sa.String), sa.column("new", sa.Text))


def upgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submitted_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('submitted_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key('assessment_submitted_by_id_fkey', 'user', ['submitted_by_id'], ['id'],
                                    ondelete='SET NULL')
    connection = op.get_bind()
    _fill_in_submitters(connection)
    _unlink_extra_successors(connection)
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index('ix_assessment_previous_id', ['previous_id'], unique=True)


def _fill_in_submitters(connection):
    submissions = connection.execute(
        sa.select(audit_log.c.assessment_id, audit_log.c.user_id, audit_log.c.at)
        .where(audit_log.c.action == "status", audit_log.c.new == "ter review").order_by(audit_log.c.id))
    latest = {assessment_id: (user_id, at) for assessment_id, user_id, at in submissions}
    for assessment_id, (user_id, at) in latest.items():
        connection.execute(
            sa.update(assessment).where(assessment.c.id == assessment_id,
                                        assessment.c.status.in_(("ter_review", "vastgesteld")))
            .values(submitted_by_id=user_id, submitted_at=at))


def _unlink_extra_successors(connection):
    successors = connection.execute(
        sa.select(assessment.c.id, assessment.c.previous_id)
        .where(assessment.c.previous_id.is_not(None)).order_by(assessment.c.id))
    linked, extra = set(), []
    for assessment_id, previous_id in successors:
        if previous_id in linked:
            extra.append(assessment_id)
        linked.add(previous_id)
    if extra:
        connection.execute(sa.update(assessment).where(assessment.c.id.in_(extra)).values(previous_id=None))


def downgrade():
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index('ix_assessment_previous_id')
        batch_op.drop_constraint('assessment_submitted_by_id_fkey', type_='foreignkey')
        batch_op.drop_column('submitted_at')
        batch_op.drop_column('submitted_by_id')
