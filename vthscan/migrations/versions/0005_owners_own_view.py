"""the owners' own view: a round per assessment, and per participating organisation and criterion a view

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

Two new tables; nothing existing changes.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('owner_view_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['closed_by_id'], ['user.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['opened_by_id'], ['user.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('assessment_id')
    )
    op.create_table('owner_view',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('criterion', sa.String(length=80), nullable=False),
    sa.Column('level', sa.String(length=80), nullable=True),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['owner_view_round.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('round_id', 'organisation_id', 'criterion')
    )
    with op.batch_alter_table('owner_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_owner_view_round_id'), ['round_id'], unique=False)


def downgrade():
    with op.batch_alter_table('owner_view', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_owner_view_round_id'))

    op.drop_table('owner_view')
    op.drop_table('owner_view_round')
