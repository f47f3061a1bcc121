-- kmigrate's own database beside Temporal's.
create user kmigrate with password 'kmigrate';
create database kmigrate owner kmigrate;
