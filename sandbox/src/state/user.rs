//! External users of an account and their permissions over its domains.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use dondominio::user::{UserPermissionLevel, UserStatus};
use serde::{Deserialize, Serialize};

/// An external user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct User {
    /// Login name.
    pub username: String,
    /// Whether the user can log in.
    pub status: UserStatus,
    /// The user's password.
    #[serde(default)]
    pub password: String,
    /// Day of the last login, if the user ever logged in.
    #[serde(default)]
    pub last_login: Option<NaiveDate>,
    /// Permissions by domain name: the permission's wire name (`domain_dns`, a
    /// `dondominio::user::UserPermission` value; a text key because the generated enum has no
    /// order) to its level; a permission not listed has its default level.
    #[serde(default)]
    pub domains: BTreeMap<String, BTreeMap<String, UserPermissionLevel>>,
}
