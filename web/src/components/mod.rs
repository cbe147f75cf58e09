//! The panels, one component per file.

pub mod action_assist;
pub mod catalog_panel;
pub mod context_table;
pub mod decision_banner;
pub mod diagnostics_list;
pub mod embed_bar;
pub mod error_banner;
pub mod explanation;
pub mod flowchart;
pub mod gallery;
pub mod header;
pub mod icons;
pub mod lesson;
pub mod markdown;
pub mod model_panel;
pub mod note_why;
pub mod organization_form;
pub mod policy_editor;
pub mod policy_editors;
pub mod policy_settings;
pub mod policy_tabs;
pub mod recover;
pub mod request_builder;
pub mod rich;
pub mod statement_view;
pub mod workspace_view;
