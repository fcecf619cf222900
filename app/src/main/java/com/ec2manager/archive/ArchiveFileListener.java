package com.ec2manager.archive;

/** Told of every archive file once it is in the bucket (the digest writer lists it in its next digest). */
public interface ArchiveFileListener {

    void written(ArchivedFile file);
}
